using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Mqtt;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Tail;

/// <summary>
/// <c>mailroomctl tail [--device D] [--replay-gaps]</c>: every event, status and command result of a site (or one
/// device) as it arrives, one line each; warns of <c>seq</c> gaps and, with <c>--replay-gaps</c>, asks the device to
/// publish the missing events again (a signed <c>replay</c> command; its result shows up in the tail).
/// </summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var device = new Option<string?>("--device") { Description = "Only this device (default: every device of the site)" };
        var replayGaps = new Option<bool>("--replay-gaps") { Description = "Send a signed replay command for every gap (needs the key)" };
        var command = new Command("tail", "Print events live, with seq gap detection");
        CtlOptions.AddTo(command, withKey: true);
        command.Options.Add(device);
        command.Options.Add(replayGaps);
        CtlAction.Set(command, async (parse, settings, cancellationToken) =>
        {
            try
            {
                var site = CtlOptions.RequireSite(settings);
                var filter = $"mailroom/v1/{site}/{parse.GetValue(device) ?? "+"}/#";
                await using var connection = await CtlConnection.OpenAsync(settings, [filter], TimeSpan.FromSeconds(settings.TimeoutSeconds));
                Console.Error.WriteLine($"tail: following {filter} on {settings.Broker} (Ctrl-C to stop)");
                var gaps = new SeqGapTracker();
                await foreach (var message in connection.Messages.ReadAllAsync(cancellationToken))
                    Show(message.Topic, message.Payload, gaps, parse.GetValue(replayGaps) ? settings : null, connection);
                return CtlExitCodes.Accepted;
            }
            catch (OperationCanceledException)
            {
                return CtlExitCodes.Accepted;
            }
        });
        return command;
    }

    private static void Show(string topic, byte[] payload, SeqGapTracker gaps, CtlSettings? replayWith, CtlConnection connection)
    {
        JsonElement message;
        try
        {
            message = JsonDocument.Parse(payload).RootElement.Clone();
        }
        catch (JsonException)
        {
            Console.WriteLine($"{topic}: ({payload.Length} bytes, not JSON)");
            return;
        }
        if (message.ValueKind != JsonValueKind.Object)
            return;
        Console.WriteLine(EventLine.Format(topic, message));
        if (!message.TryGetProperty("seq", out var seqElement) || !seqElement.TryGetInt64(out var seq))
            return;
        var parts = topic.Split('/');
        var device = $"{parts[2]}/{parts[3]}";
        switch (gaps.Observe(device, seq))
        {
            case (0, 0):
                Console.WriteLine($"  (duplicate or late resend of {device} #{seq})");
                break;
            case var (from, to):
                Console.WriteLine($"  GAP: {device} is missing #{from}..#{to}");
                if (replayWith is not null)
                    RequestReplay(replayWith, parts[2], parts[3], from, to, connection);
                break;
        }
    }

    private static void RequestReplay(CtlSettings settings, string site, string device, long from, long to, CtlConnection connection)
    {
        for (var start = from; start <= to; start += ReplayArguments.MaxSpan)
        {
            var end = Math.Min(to, start + ReplayArguments.MaxSpan - 1);
            var (draft, envelope) = CommandComposer.Compose(CommandNames.Replay, new JsonObject { ["from_seq"] = start, ["to_seq"] = end }, site, device, settings);
            connection.Publish($"mailroom/v1/{site}/{device}/cmd/{CommandNames.Replay}", envelope);
            Console.WriteLine($"  replay #{start}..#{end} requested (command {draft.Id})");
        }
    }
}
