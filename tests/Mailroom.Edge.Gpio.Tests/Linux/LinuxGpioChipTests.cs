using System.Diagnostics;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Linux;

/// <summary>What can be proven about chip discovery and its errors on a machine without GPIO hardware.</summary>
public class LinuxGpioChipTests
{
    private static readonly int ChipsOnThisMachine = Directory.GetFileSystemEntries("/dev", "gpiochip*").Length;

    [Fact]
    public void Enumerating_dev_reports_exactly_the_chips_present_without_throwing()
    {
        var chips = GpioChipDirectory.Enumerate();

        Assert.Equal(ChipsOnThisMachine, chips.Count);
        Assert.All(chips, c => Assert.StartsWith("/dev/gpiochip", c.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Opening_a_missing_chip_path_says_which_chips_exist()
    {
        var ex = Assert.Throws<GpioChipNotFoundException>(() => LinuxGpioChip.Open("/dev/gpiochip99"));

        Assert.Contains("/dev/gpiochip99", ex.Message, StringComparison.Ordinal);
        if (ChipsOnThisMachine == 0)
        {
            Assert.Contains("no /dev/gpiochip* — is this a Raspberry Pi", ex.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Chips that exist: /dev/gpiochip", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Opening_an_unknown_label_is_chip_not_found()
    {
        var ex = Assert.Throws<GpioChipNotFoundException>(() => LinuxGpioChip.Open("no-such-pinctrl"));

        Assert.Contains("'no-such-pinctrl' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_gpio_chip_is_listed_as_unreadable_and_named_in_errors()
    {
        using var dev = new TempDirectory("fake-dev");
        File.WriteAllText(dev.File("gpiochip0"), "not a device");

        var listed = Assert.Single(GpioChipDirectory.Enumerate(dev.Path));
        Assert.Contains("not a GPIO character device", listed.Error, StringComparison.Ordinal);

        var direct = Assert.Throws<GpioException>(() => LinuxGpioChip.Open(dev.File("gpiochip0")));
        Assert.Contains("GPIO_GET_CHIPINFO_IOCTL", direct.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<GpioChipNotFoundException>(() => LinuxGpioChip.Open("gpiochip7", dev.Path));
        Assert.Contains($"Chips that exist: {dev.File("gpiochip0")} (unreadable", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NowNs_is_on_the_monotonic_clock()
    {
        // .NET's Stopwatch reads CLOCK_MONOTONIC on Linux with a 1 ns tick, so the two must agree closely.
        long before = Stopwatch.GetTimestamp();
        long now = MonotonicClock.NowNs;
        long after = Stopwatch.GetTimestamp();

        Assert.Equal(1_000_000_000L, Stopwatch.Frequency);
        Assert.InRange(now, before, after);
    }
}
