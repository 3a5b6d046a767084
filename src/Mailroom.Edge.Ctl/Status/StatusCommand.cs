using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Mqtt;
using Mailroom.Edge.Ctl.Sending;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Status;

/// <summary>
/// <c>mailroomctl status [--health]</c>: the devices of a site the broker knows (their retained <c>status</c>): online
/// or offline, boot count, since when. With <c>--health</c> it also sends each online device a signed
/// <c>diagnostics</c> command and prints its answer.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var wait = new Option<double>("--wait") { Description = "Seconds to collect retained status messages", DefaultValueFactory = _ => 1.5 };
        var health = new Option<bool>("--health") { Description = "Ask each online device for diagnostics (needs the key)" };
        var command = new Command("status", "List devices seen, online/offline, and (with --health) their health");
        CtlOptions.AddTo(command, withKey: true);
        command.Options.Add(wait);
        command.Options.Add(health);
        CtlAction.Set(command, async (parse, settings, cancellationToken) =>
        {
            var site = CtlOptions.RequireSite(settings);
            var devices = await CollectAsync(settings, site, TimeSpan.FromSeconds(parse.GetValue(wait)), cancellationToken);
            if (devices.Count == 0)
                Console.WriteLine($"no device of site '{site}' has ever connected to {settings.Broker}");
            foreach (var (device, status) in devices.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"{device,-24} {status.GetProperty("state").GetString(),-8} boot {status.GetProperty("boot").GetRawText(),-5} since {status.GetProperty("ts").GetString()}");
                if (parse.GetValue(health) && status.GetProperty("state").GetString() == "online")
                {
                    var (draft, envelope) = CommandComposer.Compose(CommandNames.Diagnostics, [], site, device, settings);
                    await SendCommand.SendAsync(settings, $"mailroom/v1/{site}/{device}", draft.Name, draft.Id, envelope, Console.Out, cancellationToken);
                }
            }
            return CtlExitCodes.Accepted;
        });
        return command;
    }

    /// <summary>The retained <c>status</c> of every device of <paramref name="site"/> that ever connected, by device name.</summary>
    internal static async Task<Dictionary<string, JsonElement>> CollectAsync(CtlSettings settings, string site, TimeSpan wait, CancellationToken cancellationToken)
    {
        var devices = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await using var connection = await CtlConnection.OpenAsync(settings, [$"mailroom/v1/{site}/+/status"], TimeSpan.FromSeconds(settings.TimeoutSeconds));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            await foreach (var message in connection.Messages.ReadAllAsync(deadline.Token))
            {
                try
                {
                    var status = JsonDocument.Parse(message.Payload).RootElement.Clone();
                    if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("state", out _) && status.TryGetProperty("boot", out _) && status.TryGetProperty("ts", out _))
                        devices[message.Topic.Split('/')[3]] = status;
                }
                catch (JsonException)
                {
                    // Not ours; a status topic only ever carries the agent's JSON.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The retained messages have arrived by now.
        }
        return devices;
    }
}
