namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// One parity bit of a card format: its position, the bits it covers (not including itself) and its sense. The covered
/// bits are an arbitrary set (any number of ranges), so interleaved masks work — HID Corporate 1000 35-bit checks
/// alternating bit pairs — and a cover may include another parity bit (Corporate 1000's leading odd parity covers the
/// whole frame); <see cref="CardFormatCodec.Encode"/> computes such a bit after the ones it covers.
/// </summary>
public sealed record ParityRule(int Position, ParitySense Sense, IReadOnlyList<BitRange> Covers)
{
    /// <summary>A rule over individual bit positions, merged into ranges.</summary>
    public static ParityRule OverBits(int position, ParitySense sense, IEnumerable<int> bits) =>
        new(position, sense, BitRanges.FromPositions(bits));

    public bool CoversBit(int bit) => Covers.Any(c => c.Contains(bit));
}
