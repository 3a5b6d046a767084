namespace Mailroom.Edge.Core.Hardware;

/// <summary>What a chip says about one of its lines (as <c>gpioinfo</c> prints it): for installers and error messages.</summary>
public sealed record GpioLineInfo(
    LineOffset Offset,
    string Name,
    bool Used,
    string Consumer,
    bool IsOutput,
    bool ActiveLow);
