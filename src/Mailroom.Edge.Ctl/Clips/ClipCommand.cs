using System.CommandLine;
using Mailroom.Edge.Ctl.Sending;

namespace Mailroom.Edge.Ctl.Clips;

/// <summary><c>mailroomctl clip request|get|ack|resend|hold|release</c>: camera clips of a device.</summary>
internal static class ClipCommand
{
    public static Command Create()
    {
        var clip = new Command("clip", "Camera clips: ask for one, download one, acknowledge one, hold one for an incident");
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Request));
        clip.Subcommands.Add(ClipGetCommand.Create());
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Ack));
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Resend));
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Hold));
        clip.Subcommands.Add(SendCommand.Create(ClipVerbs.Release));
        return clip;
    }
}
