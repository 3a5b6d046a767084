using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Storage.Commands;
using Mailroom.Edge.Storage.Outbox;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// Answers, once, the commands an earlier run received and never answered (<see cref="SqliteCommandInbox"/>). The inbox
/// and the outbox are two files, so a kill can fall between a result's append and its answered mark: a command whose id
/// already has a <c>command.result</c> among the outbox's last <see cref="ScannedRows"/> rows is only marked.
/// </summary>
public sealed class CommandRecovery(SqliteCommandInbox inbox, CommandProcessor processor, SqliteOutbox outbox, ILogger<CommandRecovery> logger)
{
    public const int ScannedRows = 20_000;
    private const int Page = 1000;
    private const string ResultType = "command.result";

    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var unanswered = inbox.Unanswered();
        if (unanswered.Count == 0)
            return;
        var answered = AnsweredIds();
        var processed = 0;
        foreach (var incoming in unanswered)
        {
            var id = CommandEnvelopeParser.Parse(incoming.Payload, incoming.Payload.Length).CommandId;
            if (id is null || !answered.Contains(id))
            {
                var outcome = await processor.ProcessAsync(incoming, cancellationToken);
                logger.LogWarning("Command on {Topic} received before the restart and not answered: {Status} ({Detail})", incoming.Topic, outcome.Status, outcome.Detail);
                processed++;
            }
            inbox.MarkAnswered(incoming.Receipt!.Value);
        }
        logger.LogWarning("{Count} command(s) received before the restart were unanswered; {Processed} answered now, the rest had their result already",
            unanswered.Count, processed);
    }

    private HashSet<string> AnsweredIds()
    {
        var last = outbox.CountRange(1, 1).LastSeq;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var from = Math.Max(1, last - ScannedRows + 1); from <= last; from += Page)
        {
            foreach (var row in outbox.ReadRange(from, Math.Min(last, from + Page - 1), Page))
            {
                using var json = JsonDocument.Parse(row.Payload);
                if (json.RootElement.TryGetProperty("type", out var type) && type.GetString() == ResultType
                    && json.RootElement.TryGetProperty("command_id", out var id) && id.ValueKind == JsonValueKind.String)
                    ids.Add(id.GetString()!);
            }
        }
        return ids;
    }
}
