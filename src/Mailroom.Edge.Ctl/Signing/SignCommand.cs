using System.CommandLine;
using System.Text;
using Mailroom.Edge.Ctl.Settings;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary><c>mailroomctl sign NAME …</c>: prints the signed envelope and the topic to publish it on.</summary>
internal static class SignCommand
{
    public static Command Create(CommandVerb verb)
    {
        var command = CommandComposer.Verb(verb, $"Print a signed '{verb.Name}' envelope");
        CtlAction.Set(command, (parse, settings, _) =>
        {
            var site = CtlOptions.RequireSite(settings);
            var device = parse.GetValue(CommandComposer.Device)!;
            var (_, envelope) = CommandComposer.Compose(verb.Name, verb.Args(parse), site, device, settings);
            Console.Error.WriteLine($"topic: mailroom/v1/{site}/{device}/cmd/{verb.Name}");
            Console.WriteLine(Encoding.UTF8.GetString(envelope));
            return Task.FromResult(CtlExitCodes.Accepted);
        });
        return command;
    }
}
