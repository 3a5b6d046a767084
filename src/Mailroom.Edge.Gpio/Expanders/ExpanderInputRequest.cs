using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// Held expander inputs. <see cref="ExpanderChip"/> hands it every port read; it turns changed lines into edges with the
/// kernel's rules: active-low inverts, only the requested edges are reported, <c>seqno</c> counts across the request and
/// <c>line_seqno</c> per line, a full buffer drops the oldest event (a gap in <c>seqno</c>). A line with a debounce
/// period reports a change only once its level has held for that period, stamped when the period ended, as gpiolib's
/// software debounce does.
/// </summary>
internal sealed class ExpanderInputRequest : IInputLineRequest
{
    private readonly ExpanderChip _chip;
    private readonly InputLineSettings[] _lines;
    private readonly Channel<LineEdgeEvent> _events;
    private readonly uint[] _lineSeqNo;
    private readonly bool[] _reported;
    private readonly bool[] _seen;
    private readonly long[] _seenSinceNs;
    private readonly ITimer _debounce;
    private uint _seqNo;
    private long _dropped;
    private int _disposed;

    public ExpanderInputRequest(ExpanderChip chip, IReadOnlyList<InputLineSettings> lines, ushort levels, int bufferSize, TimeProvider time)
    {
        _chip = chip;
        _lines = [.. lines];
        _lineSeqNo = new uint[_lines.Length];
        _reported = [.. _lines.Select(l => Physical(levels, l))];
        _seen = [.. _reported];
        _seenSinceNs = new long[_lines.Length];
        _events = Channel.CreateBounded<LineEdgeEvent>(new BoundedChannelOptions(bufferSize)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _debounce = time.CreateTimer(_ => _chip.Poll(null), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ChannelReader<LineEdgeEvent> Events => _events.Reader;

    public long DroppedEvents => Interlocked.Read(ref _dropped);

    public bool GetValue(LineOffset offset)
    {
        var index = Array.FindIndex(_lines, l => l.Offset == offset);
        if (index < 0)
            throw new GpioException($"line {offset} of {_chip.Name} is not part of this input request");
        lock (_reported)
            return _reported[index] != _lines[index].ActiveLow;
    }

    /// <summary>Called under the chip's lock with the port's levels and the time they were read (or the INT edge's).</summary>
    internal void OnLevels(ushort levels, long nowNs)
    {
        var wait = TimeSpan.MaxValue;
        lock (_reported)
        {
            for (var i = 0; i < _lines.Length; i++)
            {
                var line = _lines[i];
                var high = Physical(levels, line);
                if (line.Debounce <= TimeSpan.Zero)
                {
                    Report(i, high, nowNs);
                    continue;
                }
                if (high != _seen[i])
                {
                    _seen[i] = high;
                    _seenSinceNs[i] = nowNs;
                }
                if (high == _reported[i])
                    continue;
                var heldFor = TimeSpan.FromTicks((nowNs - _seenSinceNs[i]) / 100);
                if (heldFor >= line.Debounce)
                    Report(i, high, nowNs);
                else if (line.Debounce - heldFor < wait)
                    wait = line.Debounce - heldFor;
            }
        }
        if (wait != TimeSpan.MaxValue && _disposed == 0)
            _debounce.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private void Report(int index, bool high, long timestampNs)
    {
        if (high == _reported[index])
            return;
        _reported[index] = high;
        var line = _lines[index];
        var edge = high != line.ActiveLow ? EdgeKind.Rising : EdgeKind.Falling;
        var wanted = edge == EdgeKind.Rising ? EdgeDetection.Rising : EdgeDetection.Falling;
        if ((line.Edges & wanted) == 0)
            return;
        _seqNo++;
        _lineSeqNo[index]++;
        _events.Writer.TryWrite(new LineEdgeEvent(timestampNs, line.Offset, edge, _seqNo, _lineSeqNo[index]));
    }

    private static bool Physical(ushort levels, InputLineSettings line) => (levels & ExpanderChip.Bit(line.Offset)) != 0;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _debounce.Dispose();
        _chip.ReleaseInputs(this, _lines.Select(l => l.Offset));
        _events.Writer.TryComplete();
    }
}
