namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Timing limits for decoding Wiegand from timestamped pulse starts. The SIA Wiegand specification allows 20–100 µs
/// pulses 200 µs–20 ms apart; the defaults leave a margin for real readers. The end of a frame is adaptive: a few bit
/// periods measured on this frame, clamped to [<see cref="EndOfFrameMin"/>, <see cref="EndOfFrameMax"/>], instead of
/// the fixed 25–100 ms silence common libraries wait.
/// </summary>
public sealed record WiegandTiming
{
    /// <summary>No longer used: the data lines are requested for the falling edge only (<see cref="WiegandLines"/>),
    /// so pulse widths are not measured. Kept, unchecked, so that settings naming it still load.</summary>
    public TimeSpan MinPulseWidth { get; init; } = TimeSpan.FromMicroseconds(10);

    /// <summary>No longer used, as <see cref="MinPulseWidth"/>; a line held low is found by reading its level when a
    /// frame ends instead.</summary>
    public TimeSpan MaxPulseWidth { get; init; } = TimeSpan.FromMicroseconds(500);

    /// <summary>Pulse starts closer than this are a glitch; a frame whose starts all lie within it is noise.</summary>
    public TimeSpan MinBitInterval { get; init; } = TimeSpan.FromMicroseconds(200);

    /// <summary>The silence that ends a frame is this many measured bit periods.</summary>
    public double EndOfFrameBitPeriods { get; init; } = 4;

    public TimeSpan EndOfFrameMin { get; init; } = TimeSpan.FromMilliseconds(3);

    public TimeSpan EndOfFrameMax { get; init; } = TimeSpan.FromMilliseconds(25);

    public static WiegandTiming Default { get; } = new();

    /// <summary>Explains the first inconsistency, or null. The unused pulse widths are not checked.</summary>
    public string? Validate()
    {
        if (MinBitInterval <= TimeSpan.Zero)
            return "MinBitInterval must be positive";
        if (EndOfFrameMin <= TimeSpan.Zero || EndOfFrameMax < EndOfFrameMin)
            return "end of frame bounds must satisfy 0 < EndOfFrameMin <= EndOfFrameMax";
        if (EndOfFrameBitPeriods < 1.5)
            return "EndOfFrameBitPeriods must be at least 1.5, or a slow bit would end the frame";
        return null;
    }
}
