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
        """;

    /// <summary>Version 2: dead letters, and indexes for shedding and pruning. Files of version 1 are upgraded in place.</summary>
    public const string Upgrade = """
        ALTER TABLE outbox ADD COLUMN dead_at TEXT;
        ALTER TABLE outbox ADD COLUMN dead_reason TEXT;
        """;

    public const string Indexes = """
        DROP INDEX IF EXISTS outbox_pending;
        CREATE INDEX IF NOT EXISTS outbox_pending_v2 ON outbox (seq) WHERE delivered_at IS NULL AND dead_at IS NULL;
        CREATE INDEX IF NOT EXISTS outbox_shed ON outbox (priority DESC, seq)
            WHERE delivered_at IS NULL AND dead_at IS NULL AND priority > 0;
        CREATE INDEX IF NOT EXISTS outbox_done ON outbox (seq) WHERE delivered_at IS NOT NULL OR dead_at IS NOT NULL;
        """;

    public const string Pending = "delivered_at IS NULL AND dead_at IS NULL";

    public const string Done = "(delivered_at IS NOT NULL OR dead_at IS NOT NULL)";
}
