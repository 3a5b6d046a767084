using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary><c>lockdown</c>: starts or ends the lockdown of every door of the device (only responders pass); each
/// change is a <c>lockdown.started</c> / <c>lockdown.ended</c> event naming the issuer.</summary>
public sealed class LockdownCommandHandler(DoorAssembly assembly) : ICommandHandler
{
    public string Name => CommandNames.Lockdown;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var args = (LockdownArguments)command.Arguments;
        assembly.Doors.Site.SetLockdown(null, args.Active, "command", command.Issuer);
        return ValueTask.FromResult(CommandOutcome.Accepted(args.Active ? "lockdown started on every door" : "lockdown ended"));
    }
}
