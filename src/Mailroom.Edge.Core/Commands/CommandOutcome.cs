namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// What became of one command. <see cref="Data"/> is an optional JSON value (UTF-8) a handler returns, e.g. the
/// diagnostics snapshot; it is embedded as is in the result event.
/// </summary>
public sealed record CommandOutcome(CommandStatus Status, CommandReason? Reason, string? Detail, byte[]? Data = null)
{
    public static CommandOutcome Accepted(string? detail = null, byte[]? data = null) => new(CommandStatus.Accepted, null, detail, data);

    public static CommandOutcome Rejected(CommandReason reason, string detail) => new(CommandStatus.Rejected, reason, detail);

    public static CommandOutcome Failed(string detail) => new(CommandStatus.Failed, CommandReason.HandlerError, detail);
}
