using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary><c>door-mode</c>: a command override of one door's mode — <c>locked</c> (no card opens it), <c>unlocked</c>
/// (held open, e.g. for a delivery) or <c>normal</c> (back to the configured mode and schedule). Lockdown still wins.</summary>
public sealed class DoorModeCommandHandler(DoorAssembly assembly, EdgeOptions options) : ICommandHandler
{
    public string Name => CommandNames.DoorMode;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (DoorModeArguments)command.Arguments;
        if (!options.Doors.ContainsKey(args.Door.Value))
            return ValueTask.FromResult(CommandOutcome.Rejected(CommandReason.UnknownDoor, $"no door named '{args.Door}' (doors: {string.Join(", ", options.Doors.Keys)})"));
        DoorMode? mode = args.Mode switch
        {
            "locked" => DoorMode.Locked,
            "unlocked" => DoorMode.Unlocked,
            _ => null,
        };
        assembly.Doors.Door(args.Door).SetCommandMode(mode);
        return ValueTask.FromResult(CommandOutcome.Accepted($"{args.Door} mode {args.Mode}"));
    }
}
