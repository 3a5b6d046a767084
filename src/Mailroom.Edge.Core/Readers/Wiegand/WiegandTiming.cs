namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Timing limits for decoding Wiegand from timestamped edges. The SIA Wiegand specification allows 20–100 µs pulses
/// 200 µs–20 ms apart; the defaults leave a margin for real readers. The end of a frame is adaptive: a few bit
/// periods measured on this frame, clamped to [<see cref="EndOfFrameMin"/>, <see cref="EndOfFrameMax"/>], instead of
/// the fixed 25–100 ms silence common libraries wait.
/// </summary>
public sealed record WiegandTiming
{
    public TimeSpan MinPulseWidth { get; init; } = TimeSpan.FromMicroseconds(10);

    public TimeSpan MaxPulseWidth { get; init; } = TimeSpan.FromMicroseconds(500);

    public TimeSpan MinBitInterval { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>The silence that ends a frame is this many measured bit periods.</summary>
    public double EndOfFrameBitPeriods { get; init; } = 4;

    public TimeSpan EndOfFrameMin { get; init; } = TimeSpan.FromMilliseconds(3);

    public TimeSpan EndOfFrameMax { get; init; } = TimeSpan.FromMilliseconds(25);

    public static WiegandTiming Default { get; } = new();

    /// <summary>Explains the first inconsistency, or null.</summary>
    public string? Validate()
    {
        if (MinPulseWidth <= TimeSpan.Zero || MaxPulseWidth <= MinPulseWidth)
            return "pulse widths must satisfy 0 < MinPulseWidth < MaxPulseWidth";
        if (MinBitInterval <= MaxPulseWidth)
            return "MinBitInterval must be longer than MaxPulseWidth";
        if (EndOfFrameMin <= TimeSpan.Zero || EndOfFrameMax < EndOfFrameMin)
            return "end of frame bounds must satisfy 0 < EndOfFrameMin <= EndOfFrameMax";
        if (EndOfFrameBitPeriods < 1.5)
            return "EndOfFrameBitPeriods must be at least 1.5, or a slow bit would end the frame";
        return null;
    }
}
