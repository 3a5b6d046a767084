namespace Mailroom.Edge.Storage.Credentials;

/// <summary>The enrolled cards. Formats without a facility code store facility -1 so the key stays NOT NULL.</summary>
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
            PRIMARY KEY (format, facility, number)
        ) WITHOUT ROWID;
        """;
}
