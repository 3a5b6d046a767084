namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>How a frame ended.</summary>
public enum WiegandFrameOutcome
{
    /// <summary>Every pulse was clean: the bits can be decoded.</summary>
    Complete,

    /// <summary>Pulses arrived but the frame cannot be trusted; <see cref="WiegandFrame.Problem"/> says why.</summary>
    Invalid,

    /// <summary>Only glitches, no bit: noise on the wire.</summary>
    Noise,
}
