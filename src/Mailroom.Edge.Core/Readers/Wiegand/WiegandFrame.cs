namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// One frame as assembled from edges. Only a <see cref="WiegandFrameOutcome.Complete"/> frame carries bits that may
/// be decoded into a credential; every other outcome is a diagnostic.
/// </summary>
public sealed record WiegandFrame(
    WiegandFrameOutcome Outcome,
    WiegandBits? Bits,
    int BitCount,
    string? Problem,
    long FirstEdgeNs,
    long LastEdgeNs,
    long EndOfFrameNs,
    long MinPulseWidthNs,
    long MaxPulseWidthNs,
    long MinIntervalNs,
    long MaxIntervalNs);
