using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// One input request made of one request per chip (<see cref="GpioChipWithExpanders"/>): every part's events are copied,
/// with global offsets, into one channel and renumbered, so <c>seqno</c> runs without gaps across the parts (a gap still
/// means a part dropped events, which <see cref="DroppedEvents"/> counts). Events of different chips keep their own
/// timestamps; they are merged in arrival order.
/// </summary>
internal sealed class MergedInputRequest : IInputLineRequest
{
    private readonly IReadOnlyList<(IInputLineRequest Request, Func<LineOffset, LineOffset> Global, Func<LineOffset, LineOffset?> Local)> _parts;
    private readonly Channel<LineEdgeEvent> _events;
    private readonly Lock _gate = new();
    private uint _seqNo;
    private long _dropped;

    public MergedInputRequest(IReadOnlyList<(IInputLineRequest Request, Func<LineOffset, LineOffset> Global, Func<LineOffset, LineOffset?> Local)> parts, int bufferSize)
    {
        _parts = parts;
        _events = Channel.CreateBounded<LineEdgeEvent>(new BoundedChannelOptions(bufferSize)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        var copies = parts.Select(p => Task.Run(() => CopyAsync(p.Request, p.Global))).ToArray();
        _ = Task.WhenAll(copies).ContinueWith(_ => _events.Writer.TryComplete(), TaskScheduler.Default);
    }

    public ChannelReader<LineEdgeEvent> Events => _events.Reader;

    public long DroppedEvents => Interlocked.Read(ref _dropped) + _parts.Sum(p => p.Request.DroppedEvents);

    public bool GetValue(LineOffset offset)
    {
        foreach (var (request, _, local) in _parts)
        {
            if (local(offset) is { } found)
                return request.GetValue(found);
        }
        throw new GpioException($"line {offset} is not part of this input request");
    }

    private async Task CopyAsync(IInputLineRequest part, Func<LineOffset, LineOffset> global)
    {
        try
        {
            await foreach (var edge in part.Events.ReadAllAsync().ConfigureAwait(false))
            {
                lock (_gate)
                {
                    _seqNo++;
                    _events.Writer.TryWrite(edge with { Offset = global(edge.Offset), SeqNo = _seqNo });
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A part's channel failed: end the merged one with the same error, where its reader sees it.
            _events.Writer.TryComplete(e);
        }
    }

    public void Dispose()
    {
        foreach (var (request, _, _) in _parts)
            request.Dispose();
    }
}
