namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Does what one command name asks, once its authority has been established. A name without a handler is answered
/// <see cref="CommandReason.NotSupported"/>, so engines (door modes, lockdown, sync, video) plug in here without
/// touching the authority code.
/// </summary>
public interface ICommandHandler
{
    string Name { get; }

    /// <summary>Acts and says how it went; an exception becomes a <see cref="CommandStatus.Failed"/> result.</summary>
    ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken);
}
