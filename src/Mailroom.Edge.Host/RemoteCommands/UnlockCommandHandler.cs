using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>unlock</c>: a momentary unlock of one configured door, for its grant time or the duration asked (at most
/// <c>Commands:MaxUnlockDuration</c>), through the door's state machine so that the door opening next is an authorised
/// opening, not a forced one. Refused while the door is in lockdown or locked mode.
/// </summary>
public sealed class UnlockCommandHandler(DoorAssembly assembly, EdgeOptions options) : ICommandHandler
{
    public string Name => CommandNames.Unlock;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (UnlockArguments)command.Arguments;
        if (!options.Doors.TryGetValue(args.Door.Value, out var door))
            return Result(CommandOutcome.Rejected(CommandReason.UnknownDoor, $"no door named '{args.Door}' (doors: {string.Join(", ", options.Doors.Keys)})"));
        var duration = args.Duration ?? door.GrantTime;
        if (duration > options.Commands.MaxUnlockDuration)
            return Result(CommandOutcome.Rejected(CommandReason.InvalidArguments, $"duration {duration.TotalMilliseconds:0} ms is above Commands:MaxUnlockDuration {options.Commands.MaxUnlockDuration.TotalMilliseconds:0} ms"));
        if (!assembly.Doors.Door(args.Door).CommandUnlock(duration))
            return Result(CommandOutcome.Rejected(CommandReason.InvalidArguments, $"{args.Door} is in {assembly.Doors.Door(args.Door).Mode} mode: a remote unlock does not override it"));
        return Result(CommandOutcome.Accepted($"{args.Door} unlocked for {duration.TotalMilliseconds:0} ms"));
    }

    private static ValueTask<CommandOutcome> Result(CommandOutcome outcome) => ValueTask.FromResult(outcome);
}
