namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// A reader's installer diagnostics at one moment: frame counters since start, and the last frame as it arrived
/// (raw bits, bit count and bit intervals), whatever its outcome. <see cref="Overflows"/> counts frames
/// that lost events to a full buffer (or ran past 64 bits); <see cref="MissedEdges"/> frames in which the kernel's
/// interrupt thread ran too late to tell two edges apart, which no buffer size changes.
/// </summary>
public sealed record ReaderDiagnosticsSnapshot(
    long FramesOk,
    long ParityErrors,
    long UnknownFrames,
    long PartialFrames,
    long NoiseBursts,
    long Overflows,
    long MissedEdges,
    string? LastRawBits,
    int LastBitCount,
    string? LastProblem,
    long LastMinIntervalNs,
    long LastMaxIntervalNs);
