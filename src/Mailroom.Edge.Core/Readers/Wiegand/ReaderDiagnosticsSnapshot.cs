namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// A reader's installer diagnostics at one moment: frame counters since start, and the last frame as it arrived
/// (raw bits, bit count, pulse widths and bit intervals), whatever its outcome.
/// </summary>
public sealed record ReaderDiagnosticsSnapshot(
    long FramesOk,
    long ParityErrors,
    long UnknownFrames,
    long PartialFrames,
    long NoiseBursts,
    long Overflows,
    string? LastRawBits,
    int LastBitCount,
    string? LastProblem,
    long LastMinPulseWidthNs,
    long LastMaxPulseWidthNs,
    long LastMinIntervalNs,
    long LastMaxIntervalNs);
