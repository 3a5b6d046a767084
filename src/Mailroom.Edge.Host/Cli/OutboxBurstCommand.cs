using System.CommandLine;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Storage.Outbox;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// Hidden <c>mailroom-edge outbox-burst --data DIR --count N [--producers P]</c>: appends N synthetic events to the outbox
/// in DIR from P concurrent producers and prints each seq on its own line as soon as its append has returned (committed).
/// The crash test kills this process with SIGKILL after K lines and checks every printed seq survived.
/// </summary>
internal static class OutboxBurstCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Required = true, Description = "Data folder holding outbox.db" };
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 10_000, Description = "Events to append" };
        var producers = new Option<int>("--producers") { DefaultValueFactory = _ => 4, Description = "Concurrent producers" };
        var command = new Command("outbox-burst", "Append synthetic events and print each committed seq (tests)") { Hidden = true };
        command.Options.Add(data);
        command.Options.Add(count);
        command.Options.Add(producers);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var total = parse.GetValue(count);
            var next = -1;
            using var outbox = new SqliteOutbox(
                Path.Combine(parse.GetValue(data)!, EdgeServices.OutboxFile), new DeviceIdentity("test", "burst"), TimeProvider.System);
            var output = Console.Out;
            var gate = new Lock();
            var tasks = Enumerable.Range(0, Math.Max(1, parse.GetValue(producers))).Select(_ => Task.Run(async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < total)
                {
                    var envelope = await outbox.AppendAsync(new BurstNoteEvent(DateTimeOffset.UtcNow, index, EventPriority.Critical), cancellationToken);
                    lock (gate)
                    {
                        // Flushed per line: a line on the pipe means that append had returned.
                        output.WriteLine(envelope.Seq);
                        output.Flush();
                    }
                }
            }, cancellationToken));
            await Task.WhenAll(tasks);
            return ExitCodes.Ok;
        });
        return command;
    }
}
