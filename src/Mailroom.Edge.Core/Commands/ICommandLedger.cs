namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// The replay guard's memory: the command ids seen and the highest counter accepted from each issuer. SQLite in
/// production; it must survive restarts and power cuts.
/// </summary>
public interface ICommandLedger
{
    /// <summary>
    /// Refuses a seen <paramref name="commandId"/> (<see cref="CommandReason.ReplayedId"/>) or a counter not above the
    /// issuer's last (<see cref="CommandReason.StaleCounter"/>); otherwise records both and returns null only once that
    /// record is durable, so a crash right after cannot let the same command act twice. <paramref name="receipt"/> (the
    /// inbox record of the message) is marked consumed in the same commit.
    /// </summary>
    CommandReason? TryConsume(string issuer, long counter, string commandId, DateTimeOffset now, long? receipt = null);
}
