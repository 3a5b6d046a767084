using System.Globalization;

namespace Mailroom.Edge.KernelLane.Tests.GpioSim;

/// <summary>
/// A chip of Linux's own gpio-sim driver, made through configfs as Documentation/admin-guide/gpio/gpio-sim.rst
/// describes: <c>/sys/kernel/config/gpio-sim/NAME/bank0/{num_lines,label,lineN/name,lineN/hog/…}</c>, then
/// <c>live</c> = 1. The kernel then offers a real <c>/dev/gpiochipM</c> whose lines the test drives and reads through
/// <c>/sys/devices/platform/gpio-sim.N/gpiochipM/sim_gpioK</c>. Disposing takes the chip down again.
/// </summary>
public sealed class GpioSimChip : IDisposable
{
    private const string ConfigRoot = "/sys/kernel/config/gpio-sim";
    private static int s_created;
    private readonly string _config;
    private readonly string _sysfs;
    private readonly GpioSimLayout _layout;
    private readonly Dictionary<int, GpioSimLine> _lines = [];

    private GpioSimChip(string config, GpioSimLayout layout)
    {
        _config = config;
        _layout = layout;
        var bank = Path.Combine(config, "bank0");
        ChipName = ReadAttribute(Path.Combine(bank, "chip_name"));
        var device = ReadAttribute(Path.Combine(config, "dev_name"));
        _sysfs = Path.Combine("/sys/devices/platform", device, ChipName);
    }

    /// <summary>The kernel's name for it, e.g. <c>gpiochip1</c> (on arm64's virt machine it is not gpiochip0).</summary>
    public string ChipName { get; }

    public string DevicePath => Path.Combine("/dev", ChipName);

    public string Label => _layout.Label;

    public static GpioSimChip Create(GpioSimLayout layout)
    {
        if (!Directory.Exists(ConfigRoot))
        {
            throw new InvalidOperationException($"{ConfigRoot} is missing: this must run in the kernel lane's guest with gpio-sim.ko loaded and configfs mounted.");
        }

        var config = Path.Combine(ConfigRoot, $"lane{Interlocked.Increment(ref s_created)}-{Environment.ProcessId}");
        Directory.CreateDirectory(config);
        var bank = Path.Combine(config, "bank0");
        Directory.CreateDirectory(bank);
        WriteAttribute(Path.Combine(bank, "num_lines"), layout.LineCount.ToString(CultureInfo.InvariantCulture));
        WriteAttribute(Path.Combine(bank, "label"), layout.Label);
        foreach (var (offset, name) in layout.Names)
        {
            var line = LineDirectory(bank, offset);
            WriteAttribute(Path.Combine(line, "name"), name);
        }

        foreach (var hog in layout.Hogs)
        {
            var directory = Path.Combine(LineDirectory(bank, hog.Offset), "hog");
            Directory.CreateDirectory(directory);
            WriteAttribute(Path.Combine(directory, "name"), hog.Consumer);
            WriteAttribute(Path.Combine(directory, "direction"), hog.Direction);
        }

        WriteAttribute(Path.Combine(config, "live"), "1");
        return new GpioSimChip(config, layout);
    }

    /// <summary>The outside world's end of line <paramref name="offset"/>.</summary>
    public GpioSimLine Line(int offset)
    {
        if (!_lines.TryGetValue(offset, out var line))
        {
            line = new GpioSimLine(Path.Combine(_sysfs, $"sim_gpio{offset}"), offset);
            _lines[offset] = line;
        }

        return line;
    }

    /// <summary>The line named <paramref name="name"/> (e.g. <c>GPIO17</c>).</summary>
    public GpioSimLine Line(string name) => Line(_layout.Names.Single(n => n.Value == name).Key);

    public void Dispose()
    {
        foreach (var line in _lines.Values) line.Dispose();
        WriteAttribute(Path.Combine(_config, "live"), "0");
        var bank = Path.Combine(_config, "bank0");
        foreach (var hog in Directory.EnumerateDirectories(bank, "line*").Select(l => Path.Combine(l, "hog")).Where(Directory.Exists))
            Directory.Delete(hog);
        foreach (var line in Directory.EnumerateDirectories(bank, "line*"))
            Directory.Delete(line);
        Directory.Delete(bank);
        Directory.Delete(_config);
    }

    private static string LineDirectory(string bank, int offset)
    {
        var line = Path.Combine(bank, $"line{offset}");
        Directory.CreateDirectory(line);
        return line;
    }

    // configfs and sysfs attributes take one write of the whole value.
    private static void WriteAttribute(string path, string value) => File.WriteAllText(path, value);

    private static string ReadAttribute(string path) => File.ReadAllText(path).Trim();
}
