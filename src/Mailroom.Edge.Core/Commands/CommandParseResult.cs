namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Either a <see cref="SignedCommand"/> or the reason the payload is not one. <see cref="CommandId"/> and
/// <see cref="Name"/> are filled in as far as they could be read, so even a rejection can be correlated.
/// </summary>
public sealed record CommandParseResult(SignedCommand? Command, CommandReason? Reason, string? Detail, string? CommandId, string? Name)
{
    public static CommandParseResult Ok(SignedCommand command) => new(command, null, null, command.Id, command.Name);

    public static CommandParseResult Fail(CommandReason reason, string detail, string? id = null, string? name = null) =>
        new(null, reason, detail, id, name);
}
