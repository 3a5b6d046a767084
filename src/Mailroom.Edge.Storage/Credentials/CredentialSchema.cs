namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The enrolled cards. Formats without a facility code store facility -1 so the key stays NOT NULL. The rule columns
/// (issue #5) were added later: <c>access_groups</c> (group names separated by <c>;</c>), <c>pin_hash</c> and
/// <c>duress_pin_hash</c> (PBKDF2 strings, never PINs), and the 0/1 flags <c>responder</c>, <c>extended_grant</c> and
/// <c>lockdown_key</c>; <see cref="AddedColumns"/> brings an older file up to date in place.
/// </summary>
internal static class CredentialSchema
{
    public const long NoFacility = -1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS credentials (
            format      TEXT    NOT NULL,
            facility    INTEGER NOT NULL,
            number      INTEGER NOT NULL,
            holder      TEXT,
            enabled     INTEGER NOT NULL DEFAULT 1,
            valid_from  TEXT,
            valid_until TEXT,
            access_groups   TEXT,
            pin_hash        TEXT,
            duress_pin_hash TEXT,
            responder       INTEGER NOT NULL DEFAULT 0,
            extended_grant  INTEGER NOT NULL DEFAULT 0,
            lockdown_key    INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (format, facility, number)
        ) WITHOUT ROWID;
        """;

    /// <summary>Columns added after the first release, with their definitions, for <c>ALTER TABLE … ADD COLUMN</c>.</summary>
    public static readonly (string Name, string Definition)[] AddedColumns =
    [
        ("access_groups", "TEXT"),
        ("pin_hash", "TEXT"),
        ("duress_pin_hash", "TEXT"),
        ("responder", "INTEGER NOT NULL DEFAULT 0"),
        ("extended_grant", "INTEGER NOT NULL DEFAULT 0"),
        ("lockdown_key", "INTEGER NOT NULL DEFAULT 0"),
    ];
}
