using System.Device.Gpio;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// A System.Device.Gpio <see cref="GpioDriver"/> over any <see cref="IGpioChip"/> (the project's Linux uAPI v2 driver
/// or the simulated chip), so that <see cref="GpioController"/>-based device bindings run on our lines. Pin numbers are
/// the chip's line offsets. What it guarantees beyond dotnet/iot's own drivers
/// (<see href="https://github.com/dotnet/iot/blob/v4.2.0/src/System.Device.Gpio/System/Device/Gpio/GpioDriver.cs">GpioDriver.cs</see>):
/// <list type="bullet">
/// <item>An output is requested with its initial value in the request (the last value written, else low), never mode
/// first and value second: a relay does not click when a binding starts.</item>
/// <item>Value-changed callbacks get a <see cref="TimestampedPinValueChangedEventArgs"/> carrying the chip's edge
/// timestamp, and run on one thread per input pin, outside any lock.</item>
/// <item>Disposal releases every line; outputs keep their value (the door code keeps its own safe-state rules).</item>
/// </list>
/// The chip is not owned: whoever opened it disposes it, after the controller.
/// </summary>
public sealed class ChipGpioDriver : GpioDriver
{
    /// <summary>The consumer name the kernel shows for lines held by bindings (<c>gpioinfo</c>); 31 bytes at most.</summary>
    public const string DefaultConsumer = "mailroom-edge bindings";

    private readonly IGpioChip _chip;
    private readonly string _consumer;
    private readonly Action<int, Exception> _reportFault;
    private readonly int _pinCount;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, ChipPin> _open = [];
    private bool _disposed;

    /// <param name="chip">The chip whose lines become pins.</param>
    /// <param name="reportFault">Told (pin number, exception) when a callback throws or a pin's event stream fails;
    /// delivery goes on, so this is for the log.</param>
    /// <param name="consumer">The consumer name of every line this driver requests.</param>
    public ChipGpioDriver(IGpioChip chip, Action<int, Exception> reportFault, string consumer = DefaultConsumer)
    {
        _chip = chip;
        _consumer = consumer;
        _reportFault = reportFault;
        _pinCount = chip.ListLines().Count;
    }

    protected override int PinCount => _pinCount;

    /// <summary>Claims nothing: the line is requested when a mode is set, so that an output's value can be part of it.</summary>
    protected override void OpenPin(int pinNumber)
    {
        if (pinNumber < 0 || pinNumber >= _pinCount)
            throw new ArgumentOutOfRangeException(nameof(pinNumber), pinNumber, $"chip {_chip.Name} has lines 0..{_pinCount - 1}; a pin number is a line offset");
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_open.ContainsKey(pinNumber))
                _open[pinNumber] = new ChipPin(pinNumber, _chip, _consumer, new PinSubscribers(pinNumber, this, _reportFault), _reportFault);
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            if (_open.Remove(pinNumber, out var pin))
                pin.Dispose();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
            OpenedPin(pinNumber).SetMode(mode);
    }

    /// <summary>
    /// <c>GpioController</c> passes the value written before the mode was set; dotnet/iot's base writes it after setting
    /// the mode, which is the glitch this driver exists to avoid, so it goes into the request instead.
    /// </summary>
    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        lock (_gate)
        {
            var pin = OpenedPin(pinNumber);
            pin.Write(initialValue);
            pin.SetMode(mode);
        }
    }

    /// <summary>
    /// A pin without a mode reports <see cref="PinMode.Input"/>: <c>GpioController.Write</c> then only remembers the
    /// value, which is how a value written before the mode becomes the output request's initial value.
    /// </summary>
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
            return OpenedPin(pinNumber).Mode ?? PinMode.Input;
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
            return OpenedPin(pinNumber).Read();
    }

    /// <summary>Drives an output; before the pin is an output, remembers the value for its request.</summary>
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
            OpenedPin(pinNumber).Write(value);
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            var pin = OpenedPin(pinNumber);
            pin.EnsureInput();
            pin.Subscribers.Add(eventTypes, callback);
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
            OpenedPin(pinNumber).Subscribers.Remove(callback);
    }

    /// <summary>Blocks until the next edge of <paramref name="eventTypes"/>; cancellation returns a time-out.</summary>
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        StartWaiting(pinNumber, eventTypes, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Waits without a thread of its own (dotnet/iot's base runs the blocking wait on the thread pool). The waiter is
    /// registered before this returns, so an edge after the call is never missed.
    /// </summary>
    protected override ValueTask<WaitForEventResult> WaitForEventAsync(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        new(StartWaiting(pinNumber, eventTypes, cancellationToken));

    private Task<WaitForEventResult> StartWaiting(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        if (eventTypes == PinEventTypes.None)
            throw new ArgumentException("wait for Rising, Falling or both", nameof(eventTypes));
        PinSubscribers subscribers;
        lock (_gate)
        {
            var pin = OpenedPin(pinNumber);
            pin.EnsureInput();
            subscribers = pin.Subscribers;
        }
        return subscribers.WaitAsync(eventTypes, cancellationToken);
    }

    private ChipPin OpenedPin(int pinNumber)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _open.TryGetValue(pinNumber, out var pin)
            ? pin
            : throw new InvalidOperationException($"pin {pinNumber} is not open");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _disposed = true;
                foreach (var pin in _open.Values)
                    pin.Dispose();
                _open.Clear();
            }
        }
        base.Dispose(disposing);
    }
}
