using System.CommandLine;
using System.Text.Json;
using Mailroom.Edge.Ctl.Mqtt;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Sending;

/// <summary>
/// <c>mailroomctl [send] NAME --device D …</c>: signs, listens on the device's <c>cmd-result</c>, publishes, and
/// prints the one result with the command's id. Exit code: 0 accepted, 2 rejected, 3 failed, 4 no answer.
/// </summary>
internal static class SendCommand
{
    public static Command Create(CommandVerb verb)
    {
        var command = CommandComposer.Verb(verb, verb.Description);
        CtlAction.Set(command, (parse, settings, cancellationToken) =>
        {
            var site = CtlOptions.RequireSite(settings);
            var device = parse.GetValue(CommandComposer.Device)!;
            var (draft, envelope) = CommandComposer.Compose(verb.Name, verb.Args(parse), site, device, settings);
            return SendAsync(settings, $"mailroom/v1/{site}/{device}", draft.Name, draft.Id, envelope, Console.Out, cancellationToken);
        });
        return command;
    }

    public static async Task<int> SendAsync(CtlSettings settings, string root, string name, string id, byte[] envelope, TextWriter output, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        await using var connection = await CtlConnection.OpenAsync(settings, [$"{root}/cmd-result/#"], timeout);
        connection.Publish($"{root}/cmd/{name}", envelope);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await foreach (var message in connection.Messages.ReadAllAsync(deadline.Token))
            {
                using var document = TryParse(message.Payload);
                if (document?.RootElement is { ValueKind: JsonValueKind.Object } result
                    && result.TryGetProperty("command_id", out var commandId) && commandId.ValueKind == JsonValueKind.String && commandId.GetString() == id)
                    return ResultPrinter.Print(result, output);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: reported below.
        }
        await Console.Error.WriteLineAsync($"no result for command {id} within {timeout.TotalSeconds:0} s (is the device online? see 'mailroomctl status')");
        return CtlExitCodes.NoAnswer;
    }

    private static JsonDocument? TryParse(byte[] payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
