namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>One parity bit of a card format: its position, the bits it covers (not including itself) and its sense.</summary>
public sealed record ParityRule(int Position, ParitySense Sense, IReadOnlyList<BitRange> Covers);
