namespace Mailroom.Edge.Storage.Commands;

/// <summary>The replay guard's tables: the last accepted counter per issuer, and the command ids seen.</summary>
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
        """;
}
