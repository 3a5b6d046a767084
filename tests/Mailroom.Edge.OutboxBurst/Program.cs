using System.Globalization;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;

namespace Mailroom.Edge.OutboxBurst;

/// <summary>
/// <c>mailroom-outbox-burst --data DIR [--count N] [--producers P]</c>: appends N synthetic events to the outbox in DIR
/// (<c>outbox.db</c>) from P concurrent producers and prints each seq on its own line as soon as its append has returned
/// (committed). The crash test kills this process with SIGKILL after K lines and checks every printed seq survived.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        string? data = null;
        var total = 10_000;
        var producers = 4;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--data":
                    data = args[i + 1];
                    break;
                case "--count":
                    total = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--producers":
                    producers = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"unknown option {args[i]}");
                    return 2;
            }
        }
        if (data is null)
        {
            await Console.Error.WriteLineAsync("usage: mailroom-outbox-burst --data DIR [--count N] [--producers P]");
            return 2;
        }

        var next = -1;
        using var outbox = new SqliteOutbox(Path.Combine(data, "outbox.db"), new DeviceIdentity("test", "burst"), TimeProvider.System);
        var output = Console.Out;
        var gate = new Lock();
        var tasks = Enumerable.Range(0, Math.Max(1, producers)).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < total)
            {
                var envelope = await outbox.AppendAsync(new BurstNoteEvent(DateTimeOffset.UtcNow, index, EventPriority.Critical));
                lock (gate)
                {
                    // Flushed per line: a line on the pipe means that append had returned.
                    output.WriteLine(envelope.Seq);
                    output.Flush();
                }
            }
        }));
        await Task.WhenAll(tasks);
        return 0;
    }
}
