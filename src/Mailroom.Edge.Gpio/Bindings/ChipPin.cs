using System.Device.Gpio;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// One open pin of a <see cref="ChipGpioDriver"/>: the mode and value <c>GpioController</c> asked for, and the chip
/// request that carries them. Opening claims nothing; the line is requested when a mode is set, an output with its
/// value in the request. Not thread-safe: the driver calls it under its lock.
/// </summary>
internal sealed class ChipPin(int number, IGpioChip chip, string consumer, PinSubscribers subscribers, Action<int, Exception> reportFault)
    : IDisposable
{
    // The request's event_buffer_size: room for a bouncing contact's burst while the pin's thread runs a callback.
    private const int EventBufferSize = 64;

    private readonly LineOffset _offset = new((uint)number);
    private IOutputLineRequest? _output;
    private PinInput? _input;

    /// <summary>Null until a mode is set: the line is not requested.</summary>
    public PinMode? Mode { get; private set; }

    /// <summary>The last value written, driven or not: it becomes the output request's initial value.</summary>
    public PinValue LastWritten { get; private set; } = PinValue.Low;

    public PinSubscribers Subscribers => subscribers;

    /// <summary>Requests the line for <paramref name="mode"/>; a different mode releases the line and requests it again.</summary>
    public void SetMode(PinMode mode)
    {
        if (mode == Mode)
            return;
        Release();
        if (mode == PinMode.Output)
        {
            // The value is part of the request, so the line never shows the other one: a relay must not click.
            _output = chip.RequestOutputs(consumer, [new OutputLineSettings(_offset, SafeActive: LastWritten == PinValue.High)]);
        }
        else
        {
            // Every input is requested with both edges: the port has no reconfigure, and requesting again when a
            // callback arrives would let go of the line for a moment. Edges nobody listens to are simply dropped.
            var settings = new InputLineSettings(_offset, BiasFor(mode), Edges: EdgeDetection.Both);
            var request = chip.RequestInputs(consumer, [settings], EventBufferSize);
            _input = new PinInput(request, _offset, subscribers, ex => reportFault(number, ex));
        }
        Mode = mode;
    }

    /// <summary>Makes sure the line reports edges: an unclaimed pin becomes an input; an output cannot report them.</summary>
    public void EnsureInput()
    {
        if (Mode is null)
            SetMode(PinMode.Input);
        else if (Mode == PinMode.Output)
            throw new InvalidOperationException($"pin {number} is an output; edges are reported for inputs only (set an input mode first)");
    }

    public void Write(PinValue value)
    {
        LastWritten = value;
        _output?.SetValue(_offset, value == PinValue.High);
    }

    public PinValue Read()
    {
        if (_output is not null)
            return _output.GetValue(_offset);
        if (_input is not null)
            return _input.GetValue();
        throw new InvalidOperationException($"pin {number} has no mode yet; opening a pin claims nothing, so set a mode before reading it");
    }

    /// <summary>Releases the line; an output keeps its value, as the kernel leaves it.</summary>
    public void Release()
    {
        _output?.Dispose();
        _output = null;
        _input?.Dispose();
        _input = null;
        Mode = null;
    }

    /// <summary>The pin is closed: its line is released; an output keeps its value.</summary>
    public void Dispose() => Release();

    // dotnet/iot's own drivers map plain Input to "bias disabled" too, so a binding gets the pull it asked for.
    private static LineBias BiasFor(PinMode mode) => mode switch
    {
        PinMode.InputPullUp => LineBias.PullUp,
        PinMode.InputPullDown => LineBias.PullDown,
        _ => LineBias.Disabled,
    };
}
