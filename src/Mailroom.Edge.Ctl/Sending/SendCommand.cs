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
        if (await connection.WaitForAsync((_, json) => IsResultOf(json, id), timeout, cancellationToken) is { } result)
            return ResultPrinter.Print(result, output);
        await Console.Error.WriteLineAsync($"no result for command {id} within {timeout.TotalSeconds:0} s (is the device online? see 'mailroomctl status')");
        return CtlExitCodes.NoAnswer;
    }

    /// <summary>Whether <paramref name="json"/> is the <c>command.result</c> of the command <paramref name="id"/>.</summary>
    public static bool IsResultOf(JsonElement json, string id) =>
        json.TryGetProperty("command_id", out var commandId) && commandId.ValueKind == JsonValueKind.String && commandId.GetString() == id;
}
