using System.Diagnostics;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Expanders;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.KernelLane.Tests.Guest;

namespace Mailroom.Edge.KernelLane.Tests.Expanders;

/// <summary>
/// The MCP23017 code through the real I2C stack: i2c-dev, the SMBus ioctl and the i2c-stub adapter's register map,
/// with <see cref="SmbusDevice"/> as the agent uses it. The test reads and presets registers through a second
/// <see cref="SmbusDevice"/> on the same address, as <c>i2cget</c>/<c>i2cset</c> would.
/// </summary>
public sealed class ExpanderOnI2cStubTests
{
    // Port A's addresses (IOCON.BANK=0); each pair is transferred as one word, port B in the high byte.
    private const byte Iodir = 0x00, Iocon = 0x0A, Olat = 0x14;
    private const int Gpb0 = 0x0100;

    [Fact]
    public void A_strike_on_GPB0_comes_up_at_its_safe_level_over_the_kernel_i2c_stack_and_follows_unlock_and_lock()
    {
        var bus = I2cStub.Bus();
        using var probe = SmbusDevice.Open(bus, I2cStub.Address);
        // Power-on directions (all inputs), and a previous run's latch with GPB0 high: the unsafe, energised level.
        probe.Write([Iodir, 0xFF, 0xFF]);
        probe.Write([Olat, 0x00, 0x01]);
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-expander"));
        using var soc = LinuxGpioChip.Open(sim.DevicePath);
        using var expander = ExpanderChip.Open("relays", $"at 0x20 on /dev/i2c-{bus}", ExpanderChipKind.Mcp23017,
            SmbusDevice.Open(bus, I2cStub.Address), soc, null, TimeProvider.System);
        var strike = expander.ResolveLine("GPB0");

        using var outputs = expander.RequestOutputs("strike", [new OutputLineSettings(strike, SafeActive: false)]);

        Assert.Equal(0x44, Register(probe, Iocon) & 0xFF);
        Assert.Equal(0x0000, Register(probe, Olat));
        Assert.Equal(0xFEFF, Register(probe, Iodir));
        outputs.SetValue(strike, true);
        Assert.Equal(Gpb0, Register(probe, Olat));
        outputs.SetValue(strike, false);
        Assert.Equal(0x0000, Register(probe, Olat));

        // Write latency of one strike change through the kernel: the figure docs/dependencies.md quotes.
        var samples = new double[500];
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            outputs.SetValue(strike, i % 2 == 0);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }
        Array.Sort(samples);
        Figures.Report("expander.strike_write_us_p50", samples[samples.Length / 2]);
        Figures.Report("expander.strike_write_us_p99", samples[samples.Length * 99 / 100]);

        outputs.SetValue(strike, true);
        outputs.Dispose();
        Assert.Equal(0x0000, Register(probe, Olat));
    }

    [Fact]
    public void An_address_with_no_chip_is_a_clear_error_naming_the_expander()
    {
        var bus = I2cStub.Bus();
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-expander-missing"));
        using var soc = LinuxGpioChip.Open(sim.DevicePath);

        var e = Assert.Throws<ExpanderBusException>(() => ExpanderChip.Open("relays", $"at 0x27 on /dev/i2c-{bus}", ExpanderChipKind.Mcp23017,
            SmbusDevice.Open(bus, 0x27), soc, null, TimeProvider.System));

        Assert.Contains("relays (MCP23017 at 0x27 on /dev/i2c-", e.Message);
        Assert.Contains("i2cdetect", e.Message);
    }

    /// <summary>The word at a register address (SMBus read word data), port A in the low byte.</summary>
    private static int Register(SmbusDevice device, byte register)
    {
        Span<byte> value = stackalloc byte[2];
        device.WriteRead([register], value);
        return value[0] | (value[1] << 8);
    }
}
