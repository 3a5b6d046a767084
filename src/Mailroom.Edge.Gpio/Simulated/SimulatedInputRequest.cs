using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>Held simulated inputs. The bounded channel plays the kernel's per-request kfifo: full means drop oldest.</summary>
internal sealed class SimulatedInputRequest : IInputLineRequest
{
    private readonly SimulatedGpioChip _chip;
    private readonly LineOffset[] _offsets;
    private readonly Channel<LineEdgeEvent> _events;
    private uint _seqNo;
    private int _disposed;

    public SimulatedInputRequest(SimulatedGpioChip chip, int bufferSize, IReadOnlyList<InputLineSettings> lines)
    {
        _chip = chip;
        _offsets = lines.Select(l => l.Offset).ToArray();
        _events = Channel.CreateBounded<LineEdgeEvent>(new BoundedChannelOptions(bufferSize)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        Events = new BurstAwareEventReader(_events.Reader, chip.Delivery);
    }

    public ChannelReader<LineEdgeEvent> Events { get; }

    public bool GetValue(LineOffset offset) => _chip.GetLogical(offset);

    /// <summary>Called under the chip's lock, so sequence numbers follow timestamp order across lines.</summary>
    internal void Enqueue(SimulatedLine line, EdgeKind edge, long timestampNs)
    {
        line.LineSeqNo++;
        _seqNo++;
        _events.Writer.TryWrite(new LineEdgeEvent(timestampNs, line.Offset, edge, _seqNo, line.LineSeqNo));
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _chip.Release(_offsets, this);
        _events.Writer.TryComplete();
    }
}
