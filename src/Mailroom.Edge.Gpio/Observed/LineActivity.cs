using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Observed;

/// <summary>
/// The live record of one held line, written on the owner's path (one edge read, one output written) with a few plain
/// stores and read by the installer's page. Nothing here waits: the owner never blocks on a reader of this record.
/// </summary>
internal sealed class LineActivity(LineOffset offset, string consumer, bool isOutput, bool activeLow, Func<bool> read, bool written = false)
{
    private int _written = written ? 1 : 0;
    private long _lastChangeNs = long.MinValue;
    private int _lastEdge = -1;
    private long _changes;

    public LineOffset Offset => offset;

    public void Changed(long timestampNs, EdgeKind edge)
    {
        Volatile.Write(ref _lastEdge, (int)edge);
        Volatile.Write(ref _lastChangeNs, timestampNs);
        Interlocked.Increment(ref _changes);
    }

    /// <summary>Notes an output write; true when it changed the value last written (an output starts at its safe value).</summary>
    public bool Written(bool active) => Interlocked.Exchange(ref _written, active ? 1 : 0) != (active ? 1 : 0);

    public ObservedLine Snapshot()
    {
        bool? value;
        try
        {
            value = read();
        }
        catch (Exception e) when (e is GpioException or ObjectDisposedException or InvalidOperationException)
        {
            // Released or failing while the page looked: shown as unknown, never thrown at the page.
            value = null;
        }
        var at = Volatile.Read(ref _lastChangeNs);
        var edge = Volatile.Read(ref _lastEdge);
        return new ObservedLine(offset, consumer, isOutput, activeLow, value, at == long.MinValue ? null : at,
            edge < 0 ? null : (EdgeKind)edge, Interlocked.Read(ref _changes));
    }
}
