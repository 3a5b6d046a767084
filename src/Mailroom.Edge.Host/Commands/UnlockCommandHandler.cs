using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Agent;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Commands;

/// <summary>
/// <c>unlock</c>: a momentary unlock of one configured door, for its grant time or the duration asked (at most
/// <c>Commands:MaxUnlockDuration</c>). Drives the strike directly; when the door state machine (#5) lands, this is the
/// one place to route through it.
/// </summary>
public sealed class UnlockCommandHandler(DoorHardware doors, EdgeOptions options) : ICommandHandler
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
        doors.Strike(args.Door).Unlock(duration);
        return Result(CommandOutcome.Accepted($"{args.Door} unlocked for {duration.TotalMilliseconds:0} ms"));
    }

    private static ValueTask<CommandOutcome> Result(CommandOutcome outcome) => ValueTask.FromResult(outcome);
}
