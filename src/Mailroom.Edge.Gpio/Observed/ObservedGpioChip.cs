using System.Collections.Concurrent;
using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Observed;

/// <summary>
/// A chip whose held lines can be watched while their owners use them: every line requested through it is recorded
/// with its consumer and active level, each input edge as its owner reads it and each output write that changes a line.
/// <see cref="HeldLines"/> gives the installer's page every held line with its logical and electrical value (read from
/// the owner's own request, as the kernel allows, never requested a second time) and its last change. Edges are noted
/// on the owner's thread with plain stores, so observing costs the door path no wait; a page reading at any rate never
/// holds a lock the owner takes. The inner chip stays its owner's: disposing this leaves it open.
/// </summary>
public sealed class ObservedGpioChip(IGpioChip inner) : IGpioChip
{
    private readonly ConcurrentDictionary<LineOffset, LineActivity> _held = new();

    public string Name => inner.Name;

    public string Label => inner.Label;

    public long NowNs => inner.NowNs;

    public IReadOnlyList<GpioLineInfo> ListLines() => inner.ListLines();

    public LineOffset ResolveLine(string nameOrOffset) => inner.ResolveLine(nameOrOffset);

    /// <summary>Every line held through this chip now, by offset.</summary>
    public IReadOnlyList<ObservedLine> HeldLines() => [.. _held.Values.Select(l => l.Snapshot()).OrderBy(l => l.Offset.Value)];

    public IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        var request = inner.RequestInputs(consumer, lines, eventBufferSize);
        var activity = lines.ToDictionary(l => l.Offset, l => new LineActivity(l.Offset, consumer, isOutput: false, l.ActiveLow, () => request.GetValue(l.Offset)));
        return new ObservedInputRequest(request, activity, this);
    }

    public IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        var request = inner.RequestOutputs(consumer, lines);
        var activity = lines.ToDictionary(l => l.Offset, l => new LineActivity(l.Offset, consumer, isOutput: true, l.ActiveLow, () => request.GetValue(l.Offset), l.SafeActive));
        return new ObservedOutputRequest(request, activity, this);
    }

    private void Hold(IReadOnlyDictionary<LineOffset, LineActivity> lines)
    {
        foreach (var (offset, line) in lines)
            _held[offset] = line;
    }

    private void Release(IReadOnlyDictionary<LineOffset, LineActivity> lines)
    {
        foreach (var (offset, line) in lines)
            _held.TryRemove(new KeyValuePair<LineOffset, LineActivity>(offset, line));
    }

    public void Dispose()
    {
        // The inner chip belongs to whoever opened it.
    }

    private sealed class ObservedInputRequest : IInputLineRequest
    {
        private readonly IInputLineRequest _inner;
        private readonly IReadOnlyDictionary<LineOffset, LineActivity> _lines;
        private readonly ObservedGpioChip _chip;

        public ObservedInputRequest(IInputLineRequest inner, IReadOnlyDictionary<LineOffset, LineActivity> lines, ObservedGpioChip chip)
        {
            (_inner, _lines, _chip) = (inner, lines, chip);
            Events = new ObservingEventReader(inner.Events, lines);
            chip.Hold(lines);
        }

        public ChannelReader<LineEdgeEvent> Events { get; }

        public long DroppedEvents => _inner.DroppedEvents;

        public bool GetValue(LineOffset offset) => _inner.GetValue(offset);

        public void Dispose()
        {
            _chip.Release(_lines);
            _inner.Dispose();
        }
    }

    private sealed class ObservedOutputRequest : IOutputLineRequest
    {
        private readonly IOutputLineRequest _inner;
        private readonly IReadOnlyDictionary<LineOffset, LineActivity> _lines;
        private readonly ObservedGpioChip _chip;

        public ObservedOutputRequest(IOutputLineRequest inner, IReadOnlyDictionary<LineOffset, LineActivity> lines, ObservedGpioChip chip)
        {
            (_inner, _lines, _chip) = (inner, lines, chip);
            chip.Hold(lines);
        }

        public void SetValue(LineOffset offset, bool active)
        {
            _inner.SetValue(offset, active);
            // Compared with the last value written, not read back: reading an expander's line is a bus transfer.
            if (_lines.TryGetValue(offset, out var line) && line.Written(active))
                line.Changed(_chip.NowNs, active ? EdgeKind.Rising : EdgeKind.Falling);
        }

        public bool GetValue(LineOffset offset) => _inner.GetValue(offset);

        public void Dispose()
        {
            _chip.Release(_lines);
            _inner.Dispose();
        }
    }
}
