using System.CommandLine;
using Mailroom.Edge.Ctl.Sending;

namespace Mailroom.Edge.Ctl.Clips;

/// <summary><c>mailroomctl clip request|get|ack|resend</c>: camera clips of a device.</summary>
internal static class ClipCommand
{
    public static Command Create()
    {
        var clip = new Command("clip", "Camera clips: ask for one, download one, acknowledge one");
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Request));
        clip.Subcommands.Add(ClipGetCommand.Create());
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Ack));
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Resend));
        return clip;
    }
}
