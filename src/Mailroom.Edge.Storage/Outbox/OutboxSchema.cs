namespace Mailroom.Edge.Storage.Outbox;

/// <summary>The outbox tables. AUTOINCREMENT keeps <c>seq</c> strictly increasing even after delivered rows are pruned.</summary>
internal static class OutboxSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS device_state (
            key   TEXT PRIMARY KEY,
            value INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS outbox (
            seq          INTEGER PRIMARY KEY AUTOINCREMENT,
            id           TEXT    NOT NULL UNIQUE,
            type         TEXT    NOT NULL,
            topic        TEXT    NOT NULL,
            priority     INTEGER NOT NULL,
            payload      BLOB    NOT NULL,
            created_at   TEXT    NOT NULL,
            delivered_at TEXT
        );
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (seq) WHERE delivered_at IS NULL;
        """;
}
