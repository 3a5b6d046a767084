using System.Threading.Channels;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// Drives a <see cref="WiegandFrameAssembler"/> from a line request: reads edges as they come and, while a frame is in
/// progress, waits at most until its end-of-frame deadline (on the chip's clock) before closing it. A frame closed by
/// that silence is checked against the levels of D0 and D1 read then (<see cref="WiegandFrameAssembler.CheckLinesHigh"/>),
/// since pulse starts alone cannot show a line that stays low. Frames are handed to <c>onFrame</c> one at a time, in
/// order.
/// </summary>
public sealed class WiegandReaderLoop(
    IGpioChip chip,
    IInputLineRequest lines,
    WiegandFrameAssembler assembler,
    TimeProvider time)
{
    public async Task RunAsync(Func<WiegandFrame, ValueTask> onFrame, CancellationToken cancellationToken)
    {
        var events = lines.Events;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (events.TryRead(out var edge))
            {
                if (assembler.OnEdge(edge) is { } finished)
                    await onFrame(finished);
                continue;
            }
            if (assembler.DeadlineNs is not { } deadline)
            {
                if (!await events.WaitToReadAsync(cancellationToken))
                    return;
                continue;
            }
            var waitNs = deadline - chip.NowNs;
            if (waitNs <= 0)
            {
                if (assembler.OnTime(chip.NowNs) is { } ended)
                    await onFrame(WiegandFrameAssembler.CheckLinesHigh(ended, lines.GetValue(assembler.D0), lines.GetValue(assembler.D1)));
                continue;
            }
            if (!await WaitForEdgeOrTimeout(events, TimeSpan.FromTicks((waitNs + 99) / 100), cancellationToken))
                return;
        }
    }

    /// <summary>Returns false when the channel has completed (the request was released).</summary>
    private async Task<bool> WaitForEdgeOrTimeout(ChannelReader<LineEdgeEvent> events, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var edgeTask = events.WaitToReadAsync(linked.Token).AsTask();
        var delayTask = Task.Delay(timeout, time, linked.Token);
        var first = await Task.WhenAny(edgeTask, delayTask);
        await linked.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        // When the deadline won, the loop comes round and closes the frame; a cancelled edge wait is not an error.
        return first != edgeTask || await edgeTask;
    }
}
