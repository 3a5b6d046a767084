using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Counts the PINs held by more than one credential in the file (<see cref="Core.Access.SharedPins"/>, in SQL). It reads
/// only the two partial PIN indexes — rows without a PIN are never visited — but it does read all of them, so it runs
/// once per change of the list (import, delta, snapshot switch, open), never per decision: a decision probes the index
/// for one PIN and sees the ambiguity itself.
/// </summary>
internal static class DuplicatePinCount
{
    // A credential whose duress PIN equals its own PIN is one person: its duress index is left out.
    private const string Query = """
        SELECT count(*) FROM (
            SELECT idx FROM (
                SELECT pin_index AS idx FROM credentials WHERE pin_index IS NOT NULL
                UNION ALL
                SELECT duress_pin_index FROM credentials WHERE duress_pin_index IS NOT NULL AND duress_pin_index IS NOT pin_index)
            GROUP BY idx HAVING count(*) > 1);
        """;

    public static long Read(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Query;
        return (long)command.ExecuteScalar()!;
    }
}
