using System.CommandLine;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Clips;
using Mailroom.Edge.Ctl.Installer;
using Mailroom.Edge.Ctl.Push;
using Mailroom.Edge.Ctl.Sending;
using Mailroom.Edge.Ctl.Signing;
using Mailroom.Edge.Ctl.Status;
using Mailroom.Edge.Ctl.Tail;

namespace Mailroom.Edge.Ctl;

/// <summary>
/// <c>mailroomctl</c>, the operator's tool: <c>keygen</c>; <c>sign NAME</c> (print a signed envelope); <c>send NAME</c>
/// and its shorthand <c>NAME</c> (sign, publish, wait for the result); <c>clip request|get|ack|resend|hold|release</c>; <c>installer enable|disable</c>;
/// <c>credentials push</c>; <c>tail</c>; <c>status</c>.
/// </summary>
public static class CtlCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("mailroomctl: sign and send Mailroom Edge commands, follow events, list devices.");
        root.Subcommands.Add(KeygenCommand.Create());
        var sign = new Command("sign", "Print a signed command envelope (to send later, or with another client)");
        var send = new Command("send", "Sign a command, publish it, and wait for its result");
        foreach (var verb in CommandVerbs.All)
        {
            sign.Subcommands.Add(SignCommand.Create(verb));
            send.Subcommands.Add(SendCommand.Create(verb));
            // At the top level, clip and installer are groups: clip request / get / ack / resend / hold / release;
            // installer enable / disable.
            if (verb.Name is CommandNames.Clip or CommandNames.Installer)
                continue;
            var topLevel = SendCommand.Create(verb);
            // credentials --action … sends the command; credentials push pushes a whole list (docs/operations.md).
            if (verb.Name == CommandNames.Credentials)
                topLevel.Subcommands.Add(PushCommand.Create());
            root.Subcommands.Add(topLevel);
        }
        root.Subcommands.Add(ClipCommand.Create());
        root.Subcommands.Add(InstallerVerbs.Create());
        root.Subcommands.Add(sign);
        root.Subcommands.Add(send);
        root.Subcommands.Add(TailCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        return root;
    }
}
