using System.Collections.Concurrent;
using System.Device.Gpio;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Bindings;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Bindings;

/// <summary>
/// A <see cref="GpioController"/> over the simulated chip through <see cref="ChipGpioDriver"/>, used as a device binding
/// uses it. The simulated chip's lines idle high, so an output requested low and then written high would show as a change.
/// </summary>
public sealed class ChipGpioDriverTests : IDisposable
{
    private const int Pin = 17;
    private static readonly LineOffset Line = new(Pin);
    // Real time, only so a broken driver fails the test instead of hanging it; never used to let something happen.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedGpioChip _chip;
    private readonly GpioController _controller;
    private readonly ConcurrentQueue<OutputChange> _changes = new();
    private readonly ConcurrentQueue<(int Pin, Exception Fault)> _faults = new();

    public ChipGpioDriverTests()
    {
        _chip = new SimulatedGpioChip(_time);
        _chip.OutputChanged += _changes.Enqueue;
        _controller = ChipGpioController.Create(_chip, (pin, ex) => _faults.Enqueue((pin, ex)));
    }

    public void Dispose()
    {
        _controller.Dispose();
        _chip.Dispose();
        Assert.Empty(_faults);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_output_gets_the_value_written_before_its_mode_in_the_request_so_it_never_shows_the_other(bool openWithValue)
    {
        if (openWithValue)
        {
            _controller.OpenPin(Pin, PinMode.Output, PinValue.High);
        }
        else
        {
            _controller.OpenPin(Pin);
            _controller.Write(Pin, PinValue.High);
            _controller.SetPinMode(Pin, PinMode.Output);
        }

        Assert.True(_chip.IsHigh(Line));
        Assert.Empty(_changes); // requested low then written high would have recorded a change to low
        Assert.Contains(_chip.ListLines(), l => l.Offset == Line && l.IsOutput && l.Consumer == ChipGpioDriver.DefaultConsumer);

        _controller.Write(Pin, PinValue.Low);
        Assert.Equal([(false, false)], _changes.Select(c => (c.Active, c.PhysicalHigh)));
        Assert.Equal(PinValue.Low, _controller.Read(Pin));
    }

    [Fact]
    public void An_output_with_nothing_written_is_requested_low()
    {
        _controller.OpenPin(Pin, PinMode.Output);

        Assert.False(_chip.IsHigh(Line));
        Assert.Equal([false], _changes.Select(c => c.PhysicalHigh));
    }

    [Fact]
    public void Opening_a_pin_claims_nothing_until_a_mode_is_set()
    {
        _controller.OpenPin(Pin);
        Assert.DoesNotContain(_chip.ListLines(), l => l.Offset == Line && l.Used);

        _controller.SetPinMode(Pin, PinMode.InputPullUp);
        Assert.Contains(_chip.ListLines(), l => l.Offset == Line && l.Used && !l.IsOutput);
        Assert.Equal(PinMode.InputPullUp, _controller.GetPinMode(Pin));
    }

    [Fact]
    public void Reading_an_input_follows_the_wire()
    {
        _controller.OpenPin(Pin, PinMode.Input);

        _chip.SetInputLevel(Line, high: false);
        Assert.Equal(PinValue.Low, _controller.Read(Pin));
        _chip.SetInputLevel(Line, high: true);
        Assert.Equal(PinValue.High, _controller.Read(Pin));
    }

    [Fact]
    public async Task A_value_changed_callback_gets_the_edges_it_asked_for_with_the_chip_timestamp()
    {
        _controller.OpenPin(Pin, PinMode.Input);
        var received = new TaskCompletionSource<PinValueChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        _controller.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Rising, (_, e) => received.TrySetResult(e));

        _time.Advance(TimeSpan.FromMilliseconds(5));
        _chip.SetInputLevel(Line, high: false); // a falling edge at 5 ms, not asked for
        _time.Advance(TimeSpan.FromMilliseconds(2));
        _chip.SetInputLevel(Line, high: true);

        var args = await received.Task.WaitAsync(Hang);
        Assert.Equal(PinEventTypes.Rising, args.ChangeType);
        Assert.Equal(Pin, args.PinNumber);
        Assert.Equal(7_000_000, Assert.IsType<TimestampedPinValueChangedEventArgs>(args).TimestampNs);
    }

    [Fact]
    public async Task A_callback_that_throws_is_reported_and_later_edges_are_still_delivered()
    {
        _controller.OpenPin(Pin, PinMode.Input);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        _controller.RegisterCallbackForPinValueChangedEvent(Pin, PinEventTypes.Falling | PinEventTypes.Rising, (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                throw new InvalidOperationException("binding bug");
            second.TrySetResult();
        });

        _chip.SetInputLevel(Line, high: false);
        _chip.SetInputLevel(Line, high: true);

        await second.Task.WaitAsync(Hang);
        var (pin, fault) = Assert.Single(_faults);
        Assert.Equal(Pin, pin);
        Assert.Equal("binding bug", fault.Message);
        _faults.Clear();
    }

    [Fact]
    public async Task Waiting_for_an_event_returns_on_the_edge()
    {
        _controller.OpenPin(Pin, PinMode.Input);

        var wait = _controller.WaitForEventAsync(Pin, PinEventTypes.Falling, CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        _chip.SetInputLevel(Line, high: false);

        var result = await wait.WaitAsync(Hang);
        Assert.False(result.TimedOut);
        Assert.Equal(PinEventTypes.Falling, result.EventTypes);
    }

    [Fact]
    public async Task Waiting_for_an_event_times_out_on_the_clock_of_its_token()
    {
        _controller.OpenPin(Pin, PinMode.Input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), _time);

        var wait = Task.Run(() => _controller.WaitForEvent(Pin, PinEventTypes.Rising, timeout.Token));
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var result = await wait.WaitAsync(Hang);
        Assert.True(result.TimedOut);
        Assert.Equal(PinEventTypes.None, result.EventTypes);
    }

    [Fact]
    public void Closing_a_pin_releases_its_line_and_leaves_an_output_at_its_value()
    {
        _controller.OpenPin(Pin, PinMode.Output, PinValue.High);

        _controller.ClosePin(Pin);

        Assert.DoesNotContain(_chip.ListLines(), l => l.Offset == Line && l.Used);
        Assert.True(_chip.IsHigh(Line));
        using var again = _chip.RequestInputs("another consumer", [new InputLineSettings(Line)], 16);
    }

    [Fact]
    public void Changing_the_mode_requests_the_line_again_and_keeps_the_value_written_meanwhile()
    {
        _controller.OpenPin(Pin, PinMode.Output);
        Assert.True(_chip.ListLines()[Pin].IsOutput);

        _controller.SetPinMode(Pin, PinMode.InputPullDown);
        Assert.False(_chip.ListLines()[Pin].IsOutput);
        _chip.SetInputLevel(Line, high: true);
        Assert.Equal(PinValue.High, _controller.Read(Pin));

        _controller.Write(Pin, PinValue.High);
        _changes.Clear();
        _controller.SetPinMode(Pin, PinMode.Output);
        Assert.True(_chip.ListLines()[Pin].IsOutput);
        Assert.True(_chip.IsHigh(Line));
        Assert.Empty(_changes);
    }

    [Fact]
    public void Disposing_the_controller_releases_every_line_and_leaves_outputs_at_their_value()
    {
        _controller.OpenPin(Pin, PinMode.Output, PinValue.High);
        _controller.OpenPin(Pin + 1, PinMode.InputPullUp);

        _controller.Dispose();

        Assert.DoesNotContain(_chip.ListLines(), l => l.Used);
        Assert.True(_chip.IsHigh(Line));
    }

    [Fact]
    public void A_pin_number_outside_the_chip_is_refused_when_opened()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => _controller.OpenPin(54));
        Assert.Contains("lines 0..53", refused.Message);
    }
}
