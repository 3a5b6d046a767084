namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// One /dev/gpiochipN as an installer's <c>gpio list</c> shows it. <see cref="Error"/> is set (and the other fields
/// are empty) when the chip exists but could not be read, e.g. for lack of permission.
/// </summary>
public sealed record GpioChipSummary(string Path, string Name, string Label, uint Lines, string? Error = null)
{
    public override string ToString() =>
        Error is null ? $"{Path} [{Label}] ({Lines} lines)" : $"{Path} (unreadable: {Error})";
}
