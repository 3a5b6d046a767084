namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>A card as decoded: which format matched, the facility code (null when the format has none) and the number.</summary>
public sealed record CardCredential(string Format, uint? Facility, ulong Number);
