using System.Collections.Concurrent;
using System.Device.Gpio;
using Mailroom.Edge.Gpio.Bindings;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.KernelLane.Tests.GpioSim;

namespace Mailroom.Edge.KernelLane.Tests.Gpio;

/// <summary>A <see cref="GpioController"/> over the project's own uAPI v2 driver (<see cref="ChipGpioDriver"/>), as a
/// device binding uses it, on the kernel's gpio-sim lines.</summary>
public sealed class GpioControllerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void An_output_driven_through_the_controller_comes_up_at_the_value_written_first_and_follows_writes()
    {
        using var rig = new ControllerOnSim("lane-controller-output", line: 17, wireHigh: false);
        var controller = rig.Controller;

        controller.OpenPin(17);
        Assert.False(rig.Chip.ListLines()[17].Used);
        controller.Write(17, PinValue.High);
        controller.SetPinMode(17, PinMode.Output);

        Assert.True(rig.Wire.Level);
        Assert.True(rig.Chip.ListLines()[17].IsOutput);
        controller.Write(17, PinValue.Low);
        Assert.False(rig.Wire.Level);

        controller.ClosePin(17);
        Assert.False(rig.Chip.ListLines()[17].Used);
        Assert.Empty(rig.Faults);
    }

    [Fact]
    public async Task A_value_changed_callback_carries_the_kernel_timestamp()
    {
        using var rig = new ControllerOnSim("lane-controller-edges", line: 23, wireHigh: false);
        var controller = rig.Controller;
        controller.OpenPin(23, PinMode.Input);
        var received = new TaskCompletionSource<PinValueChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        controller.RegisterCallbackForPinValueChangedEvent(23, PinEventTypes.Rising, (_, e) => received.TrySetResult(e));

        long before = rig.Chip.NowNs;
        rig.Wire.Drive(true);
        long after = rig.Chip.NowNs;

        var args = Assert.IsType<TimestampedPinValueChangedEventArgs>(await received.Task.WaitAsync(Wait, TestContext.Current.CancellationToken));
        Assert.Equal(PinEventTypes.Rising, args.ChangeType);
        Assert.InRange(args.TimestampNs, before, after);
        Assert.Equal(PinValue.High, controller.Read(23));
        Assert.Empty(rig.Faults);
    }

    /// <summary>A gpio-sim chip laid out like a Pi header with one wire driven, opened through the project's driver,
    /// behind a controller that records the faults it reports.</summary>
    private sealed class ControllerOnSim : IDisposable
    {
        private readonly GpioSimChip _sim;

        public ControllerOnSim(string label, int line, bool wireHigh)
        {
            _sim = GpioSimChip.Create(GpioSimLayout.PiHeader(label));
            Wire = _sim.Line(line);
            Wire.Drive(wireHigh);
            Chip = LinuxGpioChip.Open(_sim.DevicePath);
            Controller = ChipGpioController.Create(Chip, (_, ex) => Faults.Enqueue(ex));
        }

        public GpioSimLine Wire { get; }

        public LinuxGpioChip Chip { get; }

        public GpioController Controller { get; }

        public ConcurrentQueue<Exception> Faults { get; } = new();

        public void Dispose()
        {
            Controller.Dispose();
            Chip.Dispose();
            _sim.Dispose();
        }
    }
}
