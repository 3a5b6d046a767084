using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Mqtt;
using Mailroom.Edge.Ctl.Sending;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Clips;

/// <summary>
/// <c>mailroomctl clip get --device D --clip ID --out FILE [--ack]</c>: listens on the clip's topics, sends a signed
/// <c>resend</c> from 0, reassembles the chunks, verifies the manifest's SHA-256, writes the file (temp file and
/// rename) and, with <c>--ack</c>, acknowledges it with a signed <c>ack</c>. Exit code as for a command; 3 when the
/// reassembled file does not match its manifest, 4 when it does not arrive within <c>--wait</c> seconds.
/// </summary>
internal static class ClipGetCommand
{
    private static readonly Option<string> Out = new("--out") { Description = "File to write the MP4 to", Required = true };
    private static readonly Option<bool> Ack = new("--ack") { Description = "Acknowledge the clip once verified (the device may then evict it first)" };
    private static readonly Option<int> Wait = new("--wait") { Description = "Seconds to wait for the whole clip", DefaultValueFactory = _ => 120 };

    public static Command Create()
    {
        var command = new Command("get", "Download a clip, verify its SHA-256 and write it to a file");
        CtlOptions.AddTo(command, withKey: true);
        command.Options.Add(CommandComposer.Device);
        command.Options.Add(ClipVerbs.ClipId);
        command.Options.Add(Out);
        command.Options.Add(Ack);
        command.Options.Add(Wait);
        CtlAction.Set(command, async (parse, settings, cancellationToken) =>
        {
            var site = CtlOptions.RequireSite(settings);
            var device = parse.GetValue(CommandComposer.Device)!;
            var clipId = parse.GetValue(ClipVerbs.ClipId)!;
            var root = $"mailroom/v1/{site}/{device}";
            var (exit, sha256) = await DownloadAsync(settings, root, site, device, clipId, parse.GetValue(Out)!, TimeSpan.FromSeconds(parse.GetValue(Wait)), cancellationToken);
            if (exit != CtlExitCodes.Accepted || !parse.GetValue(Ack))
                return exit;
            var (draft, envelope) = CommandComposer.Compose(CommandNames.Clip, ClipVerbs.AckArgs(clipId, sha256!), site, device, settings);
            return await SendCommand.SendAsync(settings, root, draft.Name, draft.Id, envelope, Console.Out, cancellationToken);
        });
        return command;
    }

    private static async Task<(int Exit, string? Sha256)> DownloadAsync(
        CtlSettings settings, string root, string site, string device, string clipId, string output, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clipTopic = $"{root}/clip/{clipId}/";
        // Listen before asking, so no chunk can come before the subscription.
        await using var connection = await CtlConnection.OpenAsync(settings, [$"{root}/cmd-result/#", clipTopic + "#"], TimeSpan.FromSeconds(settings.TimeoutSeconds));
        var (draft, envelope) = CommandComposer.Compose(CommandNames.Clip, ClipVerbs.ResendArgs(clipId, 0), site, device, settings);
        connection.Publish($"{root}/cmd/{draft.Name}", envelope);
        var assembly = new ClipAssembly();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            await foreach (var message in connection.Messages.ReadAllAsync(deadline.Token))
            {
                if (message.Topic.StartsWith(clipTopic, StringComparison.Ordinal))
                {
                    if (assembly.Add(message.Topic[clipTopic.Length..], message.Payload) is { } bytes)
                    {
                        var temp = output + ".part";
                        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
                        File.Move(temp, output, overwrite: true);
                        Console.WriteLine($"{output}: {bytes.Length} bytes, sha256 {assembly.Sha256} (verified)");
                        return (CtlExitCodes.Accepted, assembly.Sha256);
                    }
                }
                else
                {
                    using var refused = RefusedResult(message.Payload, draft.Id);
                    if (refused is not null)
                        return (ResultPrinter.Print(refused.RootElement, Console.Out), null);
                }
            }
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"clip {clipId}: {e.Message}");
            return (CtlExitCodes.Failed, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: reported below.
        }
        await Console.Error.WriteLineAsync($"clip {clipId} did not arrive whole within {wait.TotalSeconds:0} s");
        return (CtlExitCodes.NoAnswer, null);
    }

    /// <summary>The result of our resend command when it was not accepted (an accepted one just means: chunks follow).</summary>
    private static JsonDocument? RefusedResult(byte[] payload, string commandId)
    {
        try
        {
            var document = JsonDocument.Parse(payload);
            var result = document.RootElement;
            if (result.ValueKind == JsonValueKind.Object
                && result.TryGetProperty("command_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == commandId
                && result.TryGetProperty("result", out var status) && status.GetString() != "accepted")
                return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
