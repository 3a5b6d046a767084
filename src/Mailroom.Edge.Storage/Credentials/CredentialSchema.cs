using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The credential database's schema, in one place so that new columns (access groups, schedules, PIN hash, biometric
/// user numbers) are added here, in <see cref="CredentialRows"/> and in the hash line of <see cref="CredentialHash"/>.
/// The access-rule columns: <c>access_groups</c> (names separated by <c>;</c>), <c>pin_hash</c> and
/// <c>duress_pin_hash</c> (PBKDF2 strings, never PINs), the 0/1 flags <c>extended_grant</c> and <c>lockdown_key</c>, and
/// (version 3) the PIN directory: <c>pin_index</c> and <c>duress_pin_index</c>, keyed blind indexes of the PINs
/// (<see cref="Core.Access.PinIndexKey"/>), each with an index of its own so a PIN-only lookup is one B-tree probe;
/// (version 4) delivery access: <c>category</c>, <c>max_uses</c> (NULL for no limit) and <c>schedule</c> (a configured
/// schedule's name).
/// Formats without a facility code store facility -1 so the key stays NOT NULL. <c>credential_list</c> holds the one
/// row that says which list this file is (server version, count, content hash, when it was loaded); it lives in the
/// same file so that it switches atomically with the credentials.
/// </summary>
internal static class CredentialSchema
{
    public const long NoFacility = -1;

    /// <summary><c>PRAGMA user_version</c> of the current schema; bump it with every migration step.</summary>
    public const int Version = 4;

    /// <summary>Columns added after the first files (version 0: <c>responder</c>; version 1: the access-rule columns;
    /// version 2: the PIN directory; version 3: delivery access), added in place to an older file.</summary>
    private static readonly (string Column, string Definition)[] AddedColumns =
    [
        ("responder", "INTEGER NOT NULL DEFAULT 0"),
        ("access_groups", "TEXT"),
        ("pin_hash", "TEXT"),
        ("duress_pin_hash", "TEXT"),
        ("extended_grant", "INTEGER NOT NULL DEFAULT 0"),
        ("lockdown_key", "INTEGER NOT NULL DEFAULT 0"),
        ("pin_index", "TEXT"),
        ("duress_pin_index", "TEXT"),
        ("category", "TEXT"),
        ("max_uses", "INTEGER"),
        ("schedule", "TEXT"),
    ];

    /// <summary>Partial indexes: most cards have no PIN, and only rows with one need to be found by it.</summary>
    private const string Indexes = """
        CREATE INDEX IF NOT EXISTS credentials_pin_index ON credentials (pin_index) WHERE pin_index IS NOT NULL;
        CREATE INDEX IF NOT EXISTS credentials_duress_pin_index ON credentials (duress_pin_index) WHERE duress_pin_index IS NOT NULL;
        """;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS credentials (
            format      TEXT    NOT NULL,
            facility    INTEGER NOT NULL,
            number      INTEGER NOT NULL,
            holder      TEXT,
            enabled     INTEGER NOT NULL DEFAULT 1,
            valid_from  TEXT,
            valid_until TEXT,
            responder   INTEGER NOT NULL DEFAULT 0,
            access_groups   TEXT,
            pin_hash        TEXT,
            duress_pin_hash TEXT,
            extended_grant  INTEGER NOT NULL DEFAULT 0,
            lockdown_key    INTEGER NOT NULL DEFAULT 0,
            pin_index        TEXT,
            duress_pin_index TEXT,
            category    TEXT,
            max_uses    INTEGER,
            schedule    TEXT,
            PRIMARY KEY (format, facility, number)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS credential_list (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            version     INTEGER NOT NULL,
            count       INTEGER NOT NULL,
            hash        TEXT    NOT NULL,
            updated_at  TEXT
        );
        """;

    /// <summary>Creates the schema, or brings a file of an earlier schema up to date (the first files had no
    /// <c>responder</c> column and no <c>credential_list</c> row). The content hash line grew with the new columns, so
    /// a migrated file's recorded hash is recomputed (its version stays: the credentials themselves did not change).</summary>
    public static void Ensure(SqliteConnection connection)
    {
        var version = connection.Scalar<long>("PRAGMA user_version;");
        if (version >= Version)
            return;
        using var transaction = connection.BeginTransaction();
        connection.Execute(Create, transaction);
        foreach (var (column, definition) in AddedColumns)
        {
            if (!HasColumn(connection, transaction, "credentials", column))
                connection.Execute($"ALTER TABLE credentials ADD COLUMN {column} {definition};", transaction);
        }
        connection.Execute(Indexes, transaction);
        if (Scalar(connection, transaction, "SELECT count(*) FROM credential_list;") == 0)
        {
            var (count, hash) = CredentialHash.Compute(connection, transaction);
            CredentialRows.WriteListRow(connection, transaction, 0, count, hash, null);
        }
        else
        {
            var (count, hash) = CredentialHash.Compute(connection, transaction);
            using var rehash = connection.CreateCommand();
            rehash.Transaction = transaction;
            rehash.CommandText = "UPDATE credential_list SET count = $count, hash = $hash WHERE id = 1;";
            rehash.Parameters.AddWithValue("$count", count);
            rehash.Parameters.AddWithValue("$hash", hash);
            rehash.ExecuteNonQuery();
        }
        connection.Execute($"PRAGMA user_version = {Version};", transaction);
        transaction.Commit();
    }

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction transaction, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $column;";
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
