using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>
/// A GPIO chip in memory that behaves like the kernel's character device, for tests, the demo and the scenario
/// simulator. Time comes from a <see cref="TimeProvider"/>; edges are stamped on that clock, delivered in order across
/// the lines of a request with <c>seqno</c> and <c>line_seqno</c>; a request's buffer holds
/// <c>event_buffer_size</c> events and, when full, drops the oldest (the kernel's kfifo does the same), which shows as a
/// gap in <c>seqno</c>; a line held by one request is busy for another; output values are recorded with the time they
/// changed. Thread-safe.
/// </summary>
public sealed class SimulatedGpioChip : IGpioChip
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SimulatedLine[] _lines;
    private long _lastEventNs = long.MinValue;

    public SimulatedGpioChip(TimeProvider time, int lineCount = 54, string label = "simulated")
    {
        _time = time;
        Label = label;
        _lines = Enumerable.Range(0, lineCount).Select(i => new SimulatedLine((uint)i, $"GPIO{i}")).ToArray();
    }

    public string Name => "simulated";

    public string Label { get; }

    public long NowNs => (long)(_time.GetTimestamp() * (1_000_000_000.0 / _time.TimestampFrequency));

    /// <summary>Raised (outside the chip's lock) after an output line changed value.</summary>
    public event Action<OutputChange>? OutputChanged;

    public IReadOnlyList<GpioLineInfo> ListLines()
    {
        lock (_gate)
        {
            return _lines.Select(l => new GpioLineInfo(l.Offset, l.Name, l.Consumer is not null, l.Consumer ?? "",
                l.IsOutput, l.ActiveLow)).ToArray();
        }
    }

    public LineOffset ResolveLine(string nameOrOffset)
    {
        var byName = _lines.FirstOrDefault(l => string.Equals(l.Name, nameOrOffset, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
            return byName.Offset;
        if (uint.TryParse(nameOrOffset, out var offset) && offset < _lines.Length)
            return new LineOffset(offset);
        throw new GpioLineNotFoundException(
            $"chip {Name} has no line '{nameOrOffset}'; its lines are {_lines[0].Name}..{_lines[^1].Name} (offsets 0..{_lines.Length - 1})");
    }

    public IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(eventBufferSize, 1);
        lock (_gate)
        {
            var held = Claim(consumer, lines.Select(l => l.Offset));
            var request = new SimulatedInputRequest(this, eventBufferSize, lines);
            foreach (var (line, settings) in held.Zip(lines))
            {
                line.IsOutput = false;
                line.ActiveLow = settings.ActiveLow;
                line.InputRequest = request;
                line.Edges = settings.Edges;
            }
            return request;
        }
    }

    public IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        var changes = new List<OutputChange>();
        SimulatedOutputRequest request;
        lock (_gate)
        {
            var held = Claim(consumer, lines.Select(l => l.Offset));
            request = new SimulatedOutputRequest(this, lines.Select(l => l.Offset).ToArray());
            foreach (var (line, settings) in held.Zip(lines))
            {
                line.IsOutput = true;
                line.ActiveLow = settings.ActiveLow;
                // The safe value is part of the request, so the line never shows the other value in between.
                if (SetPhysical(line, settings.SafeActive != settings.ActiveLow) is { } change)
                    changes.Add(change);
            }
        }
        changes.ForEach(c => OutputChanged?.Invoke(c));
        return request;
    }

    /// <summary>Drives an input line's physical level now, as the wiring would; emits an edge if it changed.</summary>
    public void SetInputLevel(LineOffset offset, bool high) => InjectEdge(offset, high, NowNs);

    /// <summary>
    /// Drives an input line's physical level at a given time on the chip's clock. Times must not go backwards and not
    /// be in the future: the kernel stamps an edge when it happens and never reorders. A frame that happened while
    /// nobody read the request (a descheduled reader thread) is injected as a burst of past timestamps.
    /// </summary>
    public void InjectEdge(LineOffset offset, bool high, long timestampNs)
    {
        lock (_gate)
        {
            if (timestampNs < _lastEventNs)
                throw new ArgumentOutOfRangeException(nameof(timestampNs), $"edge at {timestampNs} ns is before the last one at {_lastEventNs} ns");
            if (timestampNs > NowNs)
                throw new ArgumentOutOfRangeException(nameof(timestampNs), "edges cannot be stamped in the future");
            var line = Line(offset);
            if (line.IsOutput && line.Consumer is not null)
                throw new InvalidOperationException($"line {offset} is requested as an output; the simulation cannot drive it");
            if (line.PhysicalHigh == high)
                return;
            line.PhysicalHigh = high;
            _lastEventNs = timestampNs;
            var logicalRising = high != line.ActiveLow;
            var edge = logicalRising ? EdgeKind.Rising : EdgeKind.Falling;
            var wanted = edge == EdgeKind.Rising ? EdgeDetection.Rising : EdgeDetection.Falling;
            if (line.InputRequest is { } request && (line.Edges & wanted) != 0)
                request.Enqueue(line, edge, timestampNs);
        }
    }

    /// <summary>Held while a burst is injected; readers of simulated requests wait on it (see
    /// <see cref="BurstAwareEventReader"/>).</summary>
    internal Lock Delivery { get; } = new();

    /// <summary>Injects edges (in time order) so that a reader sees all of them at once or none: a frame delivered as the
    /// kernel buffer would hand it to a reader thread that was busy while it arrived.</summary>
    public void InjectBurst(IEnumerable<(LineOffset Line, bool High, long TimestampNs)> edges)
    {
        lock (Delivery)
        {
            foreach (var (line, high, ts) in edges)
                InjectEdge(line, high, ts);
        }
    }

    /// <summary>The last time any edge was stamped on this chip, or null before the first.</summary>
    public long? LastEdgeNs
    {
        get
        {
            lock (_gate)
                return _lastEventNs == long.MinValue ? null : _lastEventNs;
        }
    }

    /// <summary>The physical level of a line (what a meter on the pin would read).</summary>
    public bool IsHigh(LineOffset offset)
    {
        lock (_gate)
            return Line(offset).PhysicalHigh;
    }

    internal bool GetLogical(LineOffset offset)
    {
        lock (_gate)
        {
            var line = Line(offset);
            return line.PhysicalHigh != line.ActiveLow;
        }
    }

    internal void SetOutput(LineOffset offset, bool active)
    {
        OutputChange? change;
        lock (_gate)
        {
            var line = Line(offset);
            change = SetPhysical(line, active != line.ActiveLow);
        }
        if (change is { } c)
            OutputChanged?.Invoke(c);
    }

    internal void Release(IEnumerable<LineOffset> offsets, SimulatedInputRequest? inputs)
    {
        lock (_gate)
        {
            foreach (var offset in offsets)
            {
                var line = Line(offset);
                line.Consumer = null;
                if (ReferenceEquals(line.InputRequest, inputs))
                    line.InputRequest = null;
                // As in the kernel, a released output keeps the value it had: hence the safe-state verb.
            }
        }
    }

    private OutputChange? SetPhysical(SimulatedLine line, bool high)
    {
        if (line.PhysicalHigh == high)
            return null;
        line.PhysicalHigh = high;
        return new OutputChange(line.Offset, high != line.ActiveLow, high, NowNs);
    }

    private List<SimulatedLine> Claim(string consumer, IEnumerable<LineOffset> offsets)
    {
        var held = new List<SimulatedLine>();
        foreach (var offset in offsets)
        {
            var line = Line(offset);
            if (line.Consumer is not null || held.Contains(line))
                throw new GpioLineBusyException(offset, line.Consumer ?? consumer);
            held.Add(line);
        }
        held.ForEach(l => l.Consumer = consumer);
        return held;
    }

    private SimulatedLine Line(LineOffset offset) =>
        offset.Value < _lines.Length
            ? _lines[offset.Value]
            : throw new GpioLineNotFoundException($"chip {Name} has no line offset {offset}; it has offsets 0..{_lines.Length - 1}");

    public void Dispose()
    {
    }
}
