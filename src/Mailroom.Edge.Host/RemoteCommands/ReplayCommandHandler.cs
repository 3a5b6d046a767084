using System.Buffers;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Outbox;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>replay</c>: publishes again, byte for byte (same <c>id</c> and <c>seq</c>, same topic), the delivered events of a
/// <c>seq</c> span the outbox still keeps, so a consumer that lost them (a gap in <c>seq</c>) can fill it. Rows still
/// pending are not copied (they are on their way); dead-lettered rows would be refused again. The answer says how
/// many of each and how many are no longer kept (beyond <c>Outbox:ReplayMaxAge</c> or <c>Outbox:ReplayMaxBytes</c>, or shed) or not written yet.
/// </summary>
public sealed class ReplayCommandHandler(SqliteOutbox outbox, ReplayQueue replays) : ICommandHandler
{
    /// <summary>Rows read per outbox query, so a large replay never holds the outbox's lock for long.</summary>
    internal const int PageSize = 500;

    public string Name => CommandNames.Replay;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (ReplayArguments)command.Arguments;
        var census = outbox.CountRange(args.FromSeq, args.ToSeq);
        if (census.Delivered > int.MaxValue || !replays.TryReserve((int)census.Delivered))
            return ValueTask.FromResult(CommandOutcome.Rejected(CommandReason.Busy,
                $"{replays.Count} replayed events are still waiting to be sent; ask again later"));

        var queued = QueueDelivered(args, (int)census.Delivered, cancellationToken);
        var span = args.ToSeq - args.FromSeq + 1;
        var notYetWritten = Math.Max(0, args.ToSeq - Math.Max(census.LastSeq, args.FromSeq - 1));
        var notKept = span - census.Kept - notYetWritten;
        var detail = $"{queued} event(s) #{args.FromSeq}..#{args.ToSeq} queued for replay; {census.Pending} still pending, "
            + $"{census.Dead} dead-lettered, {notKept} no longer kept, {notYetWritten} not written yet";
        return ValueTask.FromResult(CommandOutcome.Accepted(detail, Data(queued, census, notKept, notYetWritten)));
    }

    private int QueueDelivered(ReplayArguments args, int reserved, CancellationToken cancellationToken)
    {
        var queued = 0;
        var from = args.FromSeq;
        while (queued < reserved && !cancellationToken.IsCancellationRequested)
        {
            var page = outbox.ReadDelivered(from, args.ToSeq, Math.Min(PageSize, reserved - queued));
            if (page.Count == 0)
                break;
            foreach (var message in page)
                replays.Enqueue(message);
            queued += page.Count;
            from = page[^1].Seq + 1;
        }
        // Rows pruned between the count and the read leave reserved room unused.
        replays.Release(reserved - queued);
        return queued;
    }

    private static byte[] Data(int queued, OutboxRangeCensus census, long notKept, long notYetWritten)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("replayed", queued);
            json.WriteNumber("pending", census.Pending);
            json.WriteNumber("dead", census.Dead);
            json.WriteNumber("not_kept", notKept);
            json.WriteNumber("not_written", notYetWritten);
            json.WriteNumber("last_seq", census.LastSeq);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
