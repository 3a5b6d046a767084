namespace Mailroom.Edge.Storage.Commands;

/// <summary>
/// The tables of <c>commands.db</c>: the replay guard's (the last accepted counter per issuer, the command ids seen) and
/// the inbox of received command messages (<see cref="SqliteCommandInbox"/>). <c>consumed</c> is set in the transaction
/// that consumes the command's id, so a restart knows the command may already have acted.
/// </summary>
internal static class CommandLedgerSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS issuer_counter (
            issuer  TEXT PRIMARY KEY,
            counter INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS seen_command (
            id      TEXT PRIMARY KEY,
            issuer  TEXT    NOT NULL,
            counter INTEGER NOT NULL,
            seen_at TEXT    NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS received_command (
            receipt        INTEGER PRIMARY KEY AUTOINCREMENT,
            digest         BLOB    NOT NULL,
            run            TEXT    NOT NULL,
            topic          TEXT    NOT NULL,
            payload        BLOB    NOT NULL,
            retained       INTEGER NOT NULL,
            response_topic TEXT,
            correlation    BLOB,
            received_at    TEXT    NOT NULL,
            consumed       INTEGER NOT NULL DEFAULT 0,
            answered       INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS received_command_digest ON received_command (digest);
        CREATE INDEX IF NOT EXISTS received_command_open ON received_command (receipt) WHERE answered = 0;
        """;
}
