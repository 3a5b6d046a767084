using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Tests.Linux;

public class LineEventReaderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_batch_is_delivered_in_order_with_the_kernels_fields()
    {
        using var pipe = new TestPipe();
        using var reader = new LineEventReader(pipe.ReadEnd, 16, "test");

        pipe.Write(Event(1, 17, 1), TestPipe.Event(2, 27, GpioUapi.EventRisingEdge) with { LineSeqNo = 1 }, Event(3, 17, 2));

        var received = new List<LineEdgeEvent>();
        for (int i = 0; i < 3; i++) received.Add(await reader.Events.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(new LineEdgeEvent(2_000_000, new LineOffset(27), EdgeKind.Rising, 2, 1), received[1]);
        Assert.Equal([1u, 2u, 3u], received.Select(e => e.SeqNo));
        Assert.Equal(EdgeKind.Falling, received[0].Edge);
        Assert.Equal(0, reader.KernelDropped);
    }

    [Fact]
    public async Task A_seqno_gap_is_counted_as_kernel_drops_and_still_delivered()
    {
        using var pipe = new TestPipe();
        using var reader = new LineEventReader(pipe.ReadEnd, 16, "test");

        pipe.Write(TestPipe.Event(1), TestPipe.Event(2), TestPipe.Event(7));
        pipe.WriteEnd.Dispose();
        await reader.Stopped.WaitAsync(Patience);

        Assert.Equal(4, reader.KernelDropped);
        Assert.Equal(0, reader.ChannelDropped);
        var seqNos = new List<uint>();
        await foreach (var e in reader.Events.ReadAllAsync()) seqNos.Add(e.SeqNo);
        Assert.Equal([1u, 2u, 7u], seqNos);
    }

    [Fact]
    public async Task Seqno_gaps_with_every_line_seqno_in_sequence_are_not_kernel_drops()
    {
        using var pipe = new TestPipe();
        using var reader = new LineEventReader(pipe.ReadEnd, 16, "test");

        // Line 17's late interrupt thread writes seqno 2 after line 27's seqno 3; then two edges of line 27 become one
        // event (seqno 5, its line_seqno 2). The kernel's fifo lost nothing.
        pipe.Write(Event(1, 17, 1), Event(3, 27, 1), Event(2, 17, 2), Event(5, 27, 2));
        pipe.WriteEnd.Dispose();
        await reader.Stopped.WaitAsync(Patience);

        Assert.Equal(0, reader.KernelDropped);
    }

    private static GpioV2LineEvent Event(uint seqNo, uint offset, uint lineSeqNo) =>
        TestPipe.Event(seqNo, offset) with { LineSeqNo = lineSeqNo };

    [Fact]
    public async Task A_full_channel_drops_the_newest_and_counts_without_blocking_the_read()
    {
        using var pipe = new TestPipe();
        using var reader = new LineEventReader(pipe.ReadEnd, 2, "test");

        pipe.Write(Enumerable.Range(1, 5).Select(i => TestPipe.Event((uint)i)).ToArray());
        pipe.WriteEnd.Dispose();
        await reader.Stopped.WaitAsync(Patience);

        Assert.Equal(3, reader.ChannelDropped);
        Assert.Equal(0, reader.KernelDropped);
        Assert.True(reader.Events.TryRead(out var first));
        Assert.True(reader.Events.TryRead(out var second));
        Assert.Equal((1u, 2u), (first.SeqNo, second.SeqNo));
    }

    [Fact]
    public async Task Dispose_wakes_the_blocked_reader_through_the_eventfd_and_completes_the_channel()
    {
        using var pipe = new TestPipe();
        var reader = new LineEventReader(pipe.ReadEnd, 16, "test");

        reader.Dispose();

        Assert.True(reader.Stopped.IsCompleted);
        await reader.Events.Completion.WaitAsync(Patience);
        reader.Dispose();
    }
}
