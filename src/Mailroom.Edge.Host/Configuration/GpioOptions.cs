namespace Mailroom.Edge.Host.Configuration;

/// <summary>Which GPIO chip the hardware map refers to.</summary>
public sealed class GpioOptions
{
    /// <summary><c>simulated</c> for the in-memory chip, or a character device path such as <c>/dev/gpiochip0</c>.</summary>
    public string Chip { get; set; } = "/dev/gpiochip0";

    /// <summary>Kernel event buffer per input request; the kernel's default (16 per line) overflows on long frames.</summary>
    public int EventBufferSize { get; set; } = 256;

    /// <summary>I2C I/O expanders by name; their lines are <c>{name}:{pin}</c>.</summary>
    public Dictionary<string, ExpanderOptions> Expanders { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
