using System.Device.I2c;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// An I2C I/O expander (MCP23017, MCP23008, PCF8574) as a GPIO chip, so strikes, contacts and reader LEDs can live on a
/// relay HAT with the same rules as SoC lines. Outputs: the latch is written with the safe levels BEFORE the lines are
/// made outputs, so a pin never drives the unsafe level, not even for one transfer; the latch is kept in a shadow and
/// every change is a read-modify-write of that shadow under one lock; a released output is set to its safe level.
/// Inputs: the chip's INT output is watched on a SoC line (<see cref="ExpanderInterrupt"/>); each assertion is answered
/// by one read of the port (which clears it), and the lines that changed become <see cref="LineEdgeEvent"/>s stamped
/// with the INT edge's kernel timestamp. Debounce is done here, in software, as the kernel does it for SoC lines.
/// A failed transfer becomes an <see cref="ExpanderBusException"/> for the caller, or, on the interrupt path, a
/// <see cref="BusFault"/> and a retry: never an exception on a background thread.
/// </summary>
public sealed class ExpanderChip : IGpioChip
{
    /// <summary>How often a failed read on the interrupt path is retried: INT stays asserted until a read succeeds, so
    /// no new edge would come to retry it.</summary>
    public static readonly TimeSpan ReadRetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly ExpanderRegisters _registers;
    private readonly ExpanderInterrupt? _interrupt;
    private readonly IGpioChip _clock;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly string?[] _consumers;
    private readonly bool[] _activeLow;
    private readonly List<ExpanderInputRequest> _inputRequests = [];
    private readonly ITimer _retry;
    private ushort _latch;
    private ushort _inputs;
    private ushort _pullUps;
    private ushort _interruptOnChange;
    private IInputLineRequest? _interruptRequest;
    private bool _disposed;

    private readonly I2cDevice _device;

    private ExpanderChip(string name, string location, I2cDevice device, ExpanderRegisters registers, IGpioChip clock, ExpanderInterrupt? interrupt, TimeProvider time)
    {
        Name = name;
        _device = device;
        _registers = registers;
        _clock = clock;
        _interrupt = interrupt;
        _time = time;
        Label = $"{registers.ChipName} {location}";
        _consumers = new string?[registers.PinNames.Count];
        _activeLow = new bool[registers.PinNames.Count];
        _retry = time.CreateTimer(_ => Poll(null), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Opens the expander on <paramref name="device"/>: configures the chip (MCP23xxx: IOCON mirror and open-drain INT,
    /// no input inversion) and reads its latch and directions, so lines the agent does not request keep what they have.
    /// </summary>
    /// <param name="name">The name in line names, <c>expander-1</c> in <c>expander-1:GPB0</c>.</param>
    /// <param name="location">For messages, e.g. <c>at 0x20 on /dev/i2c-1</c>.</param>
    /// <param name="kind">Which chip: its register protocol and line names.</param>
    /// <param name="device">The chip's I2C device; the expander owns it from here on.</param>
    /// <param name="clock">The chip whose clock stamps events (the SoC chip: CLOCK_MONOTONIC).</param>
    /// <param name="interrupt">The SoC line INT is wired to; null when the expander has outputs only.</param>
    /// <param name="time">Timers for debounce and retries.</param>
    /// <exception cref="ExpanderBusException">The chip does not answer.</exception>
    public static ExpanderChip Open(string name, string location, ExpanderChipKind kind, I2cDevice device, IGpioChip clock,
        ExpanderInterrupt? interrupt, TimeProvider time)
    {
        ExpanderRegisters registers = kind == ExpanderChipKind.Pcf8574 ? new Pcf8574Registers(device) : new Mcp23xxxRegisters(device, kind);
        var chip = new ExpanderChip(name, location, device, registers, clock, interrupt, time);
        try
        {
            (chip._latch, chip._inputs) = chip.Bus("reading its latch and directions", registers.Open);
        }
        catch
        {
            chip.Dispose();
            throw;
        }
        return chip;
    }

    public string Name { get; }

    public string Label { get; }

    public long NowNs => _clock.NowNs;

    /// <summary>Raised (outside the chip's lock) when a transfer on the interrupt path failed; it is retried every
    /// <see cref="ReadRetryInterval"/> until it succeeds.</summary>
    public event Action<ExpanderBusException>? BusFault;

    /// <summary>Failed transfers on the interrupt path so far.</summary>
    public long BusFaults { get; private set; }

    public IReadOnlyList<GpioLineInfo> ListLines()
    {
        lock (_gate)
        {
            return _registers.PinNames.Select((name, i) => new GpioLineInfo(new LineOffset((uint)i), name,
                _consumers[i] is not null, _consumers[i] ?? "", (_inputs & Bit(i)) == 0, _activeLow[i])).ToArray();
        }
    }

    public LineOffset ResolveLine(string nameOrOffset)
    {
        var names = _registers.PinNames;
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], nameOrOffset, StringComparison.OrdinalIgnoreCase))
                return new LineOffset((uint)i);
        }
        if (uint.TryParse(nameOrOffset, out var offset) && offset < names.Count)
            return new LineOffset(offset);
        throw new GpioLineNotFoundException(
            $"{Label} ({Name}) has no line '{nameOrOffset}'; its lines are {names[0]}..{names[^1]} (or 0..{names.Count - 1})");
    }

    public IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var mask = Claim(consumer, lines.Select(l => l.Offset));
            try
            {
                var latch = _latch;
                foreach (var line in lines)
                {
                    _activeLow[line.Offset.Value] = line.ActiveLow;
                    latch = With(latch, line.Offset, line.SafeActive != line.ActiveLow);
                }
                // The order is the safe-state rule: latch first, so the pins come up driving their safe level.
                Bus("writing the safe levels to the output latch", () => _registers.WriteLatch(latch));
                _latch = latch;
                var inputs = (ushort)(_inputs & ~mask);
                var interrupts = (ushort)(_interruptOnChange & ~mask);
                if (interrupts != _interruptOnChange)
                    Bus("stopping interrupts on the new outputs", () => _registers.WriteInterruptOnChange(interrupts));
                _interruptOnChange = interrupts;
                Bus("making the lines outputs", () => _registers.WriteInputs(inputs));
                _inputs = inputs;
            }
            catch
            {
                Unclaim(mask);
                throw;
            }
            return new ExpanderOutputRequest(this, lines);
        }
    }

    public IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBufferSize, 1);
        if (_interrupt is null)
        {
            throw new GpioException(
                $"{Name} ({Label}) has no interrupt line: inputs on an expander need its INT pin wired to a SoC line, named in Gpio:Expanders:{Name}:Interrupt");
        }
        foreach (var line in lines)
        {
            if (_registers.Unsupported(line.Bias) is { } why)
                throw new GpioException($"{Name}:{_registers.PinNames[(int)Math.Min(line.Offset.Value, (uint)_registers.PinNames.Count - 1)]}: bias {line.Bias}: {why}");
        }
        ExpanderInputRequest request;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var mask = Claim(consumer, lines.Select(l => l.Offset));
            try
            {
                var pullUps = _pullUps;
                foreach (var line in lines)
                {
                    _activeLow[line.Offset.Value] = line.ActiveLow;
                    if (line.Bias == LineBias.PullUp)
                        pullUps = (ushort)(pullUps | Bit(line.Offset));
                    else if (line.Bias is LineBias.Disabled)
                        pullUps = (ushort)(pullUps & ~Bit(line.Offset));
                }
                var inputs = (ushort)(_inputs | mask);
                var interrupts = (ushort)(_interruptOnChange | mask);
                Bus("making the lines inputs", () => _registers.WriteInputs(inputs));
                _inputs = inputs;
                Bus("setting the pull-ups", () => _registers.WritePullUps(pullUps));
                _pullUps = pullUps;
                Bus("enabling interrupt-on-change", () => _registers.WriteInterruptOnChange(interrupts));
                _interruptOnChange = interrupts;
                var startWatching = _interruptRequest is null;
                _interruptRequest ??= _interrupt.Chip.RequestInputs($"{consumer} ({Name} INT)",
                    [new InputLineSettings(_interrupt.Line, LineBias.PullUp, ActiveLow: true, EdgeDetection.Rising)], 64);
                // Read after the interrupt line is held: a change from here on asserts INT again and is seen.
                var levels = Bus("reading the inputs", _registers.ReadLevels);
                request = new ExpanderInputRequest(this, lines, levels, eventBufferSize, _time);
                _inputRequests.Add(request);
                if (startWatching)
                {
                    var watched = _interruptRequest;
                    _ = Task.Run(() => WatchAsync(watched));
                }
            }
            catch
            {
                Unclaim(mask);
                if (_inputRequests.Count == 0)
                    StopWatching();
                throw;
            }
        }
        return request;
    }

    /// <summary>Reads the port now and hands the levels to every input request, stamped with the INT edge's kernel
    /// timestamp when there is one. Called on each INT assertion, by a request whose debounce period ended, and by the
    /// retry timer. Never throws.</summary>
    internal void Poll(long? interruptNs)
    {
        ExpanderBusException? fault = null;
        ushort? read = null;
        lock (_gate)
        {
            if (_disposed || _inputRequests.Count == 0)
                return;
            try
            {
                var levels = Bus("reading the inputs after an interrupt", _registers.ReadLevels);
                var now = interruptNs ?? NowNs;
                foreach (var request in _inputRequests)
                    request.OnLevels(levels, now);
                read = levels;
            }
            catch (ExpanderBusException e)
            {
                fault = e;
                BusFaults++;
                _retry.Change(ReadRetryInterval, Timeout.InfiniteTimeSpan);
            }
        }
        if (fault is not null)
            BusFault?.Invoke(fault);
        if (read is { } handled)
            LevelsHandled?.Invoke(handled);
    }

    /// <summary>For tests: raised after a port read has been handed to every input request.</summary>
    internal event Action<ushort>? LevelsHandled;

    private async Task WatchAsync(IInputLineRequest interrupt)
    {
        try
        {
            await foreach (var edge in interrupt.Events.ReadAllAsync().ConfigureAwait(false))
            {
                if (edge.Edge == EdgeKind.Rising)
                    Poll(edge.TimestampNs);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The interrupt line's request failed under us (its chip went away): report it; inputs stop.
            BusFault?.Invoke(new ExpanderBusException($"{Name} ({Label}): watching its interrupt line stopped: {e.Message}", e));
        }
    }

    internal bool GetOutput(LineOffset offset)
    {
        lock (_gate)
            return ((_latch & Bit(offset)) != 0) != _activeLow[offset.Value];
    }

    internal void SetOutput(LineOffset offset, bool active)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var latch = With(_latch, offset, active != _activeLow[offset.Value]);
            // Written every time, even when the shadow already says so: after a failed transfer the chip may hold
            // either value, and a relock must reach it.
            Bus($"setting {_registers.PinNames[(int)offset.Value]} {(active ? "active" : "inactive")}", () => _registers.WriteLatch(latch));
            _latch = latch;
        }
    }

    /// <summary>Sets released outputs to their safe level (the relock a stop or crash needs) and frees them. A bus error
    /// here is not thrown: the lines are freed either way, and <c>safe-state</c> runs after every stop.</summary>
    internal void ReleaseOutputs(IReadOnlyList<OutputLineSettings> lines)
    {
        lock (_gate)
        {
            var latch = _latch;
            foreach (var line in lines)
                latch = With(latch, line.Offset, line.SafeActive != line.ActiveLow);
            try
            {
                if (!_disposed)
                    Bus("setting released outputs to their safe levels", () => _registers.WriteLatch(latch));
                _latch = latch;
            }
            catch (ExpanderBusException)
            {
                BusFaults++;
            }
            Unclaim(Mask(lines.Select(l => l.Offset)));
        }
    }

    internal void ReleaseInputs(ExpanderInputRequest request, IEnumerable<LineOffset> offsets)
    {
        lock (_gate)
        {
            var mask = Mask(offsets);
            _inputRequests.Remove(request);
            Unclaim(mask);
            var interrupts = (ushort)(_interruptOnChange & ~mask);
            try
            {
                if (!_disposed)
                    Bus("stopping interrupts on released inputs", () => _registers.WriteInterruptOnChange(interrupts));
                _interruptOnChange = interrupts;
            }
            catch (ExpanderBusException)
            {
                BusFaults++;
            }
            if (_inputRequests.Count == 0)
                StopWatching();
        }
    }

    private void StopWatching()
    {
        _retry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // Completes the events channel, which ends WatchAsync.
        _interruptRequest?.Dispose();
        _interruptRequest = null;
    }

    private T Bus<T>(string what, Func<T> transfer)
    {
        try
        {
            return transfer();
        }
        catch (IOException e)
        {
            throw new ExpanderBusException(
                $"{Name} ({Label}): {what} failed: {e.Message}. Check the board's power and its SDA/SCL wiring, and that i2cdetect shows it at the configured address.", e);
        }
    }

    private void Bus(string what, Action transfer) => Bus(what, () =>
    {
        transfer();
        return 0;
    });

    private ushort Claim(string consumer, IEnumerable<LineOffset> offsets)
    {
        ushort mask = 0;
        foreach (var offset in offsets)
        {
            if (offset.Value >= _consumers.Length)
                throw new GpioLineNotFoundException($"{Name} ({Label}) has no line offset {offset}; it has offsets 0..{_consumers.Length - 1}");
            if (_consumers[offset.Value] is not null || (mask & Bit(offset)) != 0)
                throw new GpioLineBusyException(offset, _consumers[offset.Value] ?? consumer);
            mask |= Bit(offset);
        }
        foreach (var offset in offsets)
            _consumers[offset.Value] = consumer;
        return mask;
    }

    private void Unclaim(ushort mask)
    {
        for (var i = 0; i < _consumers.Length; i++)
        {
            if ((mask & Bit(i)) != 0)
                _consumers[i] = null;
        }
    }

    internal static ushort Bit(LineOffset offset) => Bit((int)offset.Value);

    private static ushort Bit(int index) => (ushort)(1 << index);

    private static ushort Mask(IEnumerable<LineOffset> offsets) => (ushort)offsets.Aggregate(0, (m, o) => m | Bit(o));

    private static ushort With(ushort value, LineOffset offset, bool high) =>
        high ? (ushort)(value | Bit(offset)) : (ushort)(value & ~Bit(offset));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            StopWatching();
        }
        _retry.Dispose();
        _device.Dispose();
    }
}
