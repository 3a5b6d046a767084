namespace Mailroom.Edge.Storage.Sqlite;

/// <summary>SQLite's <c>synchronous</c> setting in WAL mode: <see cref="Full"/> makes every commit survive a power cut;
/// <see cref="Normal"/> may lose the last commits on power loss (never corrupts).</summary>
public enum SqliteDurability
{
    Full,
    Normal,
}
