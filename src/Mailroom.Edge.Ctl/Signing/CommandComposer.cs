using System.CommandLine;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Settings;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary>Turns a verb's flags into a signed envelope: a fresh id, the next counter, issued now, valid for the configured lifetime.</summary>
internal static class CommandComposer
{
    public static readonly Option<string> Device = new("--device") { Description = "Target device name", Required = true };

    public static (CommandDraft Draft, byte[] Envelope) Compose(string name, JsonObject args, string site, string device, CtlSettings settings)
    {
        using var key = OperatorKey.Load(settings);
        var now = DateTimeOffset.UtcNow;
        var draft = new CommandDraft(Guid.CreateVersion7(now).ToString(), name, site, device, key.Name, key.NextCounter(now),
            now, now.AddSeconds(settings.LifetimeSeconds), args);
        return (draft, CommandSigner.SignEnvelope(draft, key.Key));
    }

    public static Command Verb(CommandVerb verb, string description)
    {
        var command = new Command(verb.VerbName ?? verb.Name, description);
        CtlOptions.AddTo(command, withKey: true);
        command.Options.Add(Device);
        foreach (var option in verb.Options)
            command.Options.Add(option);
        return command;
    }
}
