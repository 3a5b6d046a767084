namespace Mailroom.Edge.Core.Hardware;

/// <summary>How one output line is requested. <see cref="SafeActive"/> is the value set at request time, so the line never
/// glitches to the unsafe value while the service starts.</summary>
public sealed record OutputLineSettings(
    LineOffset Offset,
    bool ActiveLow = false,
    bool SafeActive = false,
    OutputDrive Drive = OutputDrive.PushPull);
