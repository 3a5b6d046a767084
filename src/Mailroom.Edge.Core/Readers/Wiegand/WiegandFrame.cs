namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// One frame as assembled from pulse starts. Only a <see cref="WiegandFrameOutcome.Complete"/> frame carries bits that
/// may be decoded into a credential; every other outcome is a diagnostic. The intervals are between consecutive pulse
/// starts, in timestamp order.
/// </summary>
public sealed record WiegandFrame(
    WiegandFrameOutcome Outcome,
    WiegandBits? Bits,
    int BitCount,
    string? Problem,
    long FirstEdgeNs,
    long LastEdgeNs,
    long EndOfFrameNs,
    long MinIntervalNs,
    long MaxIntervalNs)
{
    /// <summary>A complete frame of bits that arrived whole, with no pulse timing: an OSDP reader's RAW card read, or a
    /// simulator's card step.</summary>
    public static WiegandFrame Whole(WiegandBits bits) => new(WiegandFrameOutcome.Complete, bits, bits.Length, null, 0, 0, 0, 0, 0);
}
