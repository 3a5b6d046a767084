using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Counts the PINs held by more than one credential in the file (<see cref="Core.Access.SharedPins"/>, on disk). It
/// walks the two partial PIN indexes side by side in index order and merges them — each index already holds its value
/// and the credential's key, so no table row is read and nothing is sorted (on 2,000,000 credentials each with a PIN
/// and a duress PIN, a GROUP BY over both measured 12.4 s, this merge 2.5 s: credentials.duplicate_pin_scan_ms). Rows without a PIN are never visited, but every PIN is, so it runs once
/// per change of the list (import, delta, snapshot switch, open), never per decision: a decision probes the index for
/// one PIN and sees the ambiguity itself.
/// </summary>
internal static class DuplicatePinCount
{
    public static long Read(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var pins = new Cursor(connection, transaction, "pin_index");
        using var duress = new Cursor(connection, transaction, "duress_pin_index");
        long shared = 0;
        string? value = null;
        Holder first = default;
        var counted = false;
        while (pins.Current is not null || duress.Current is not null)
        {
            var next = duress.Current is null || (pins.Current is not null && string.CompareOrdinal(pins.Current, duress.Current) <= 0) ? pins : duress;
            // A value's entries are adjacent in the merged order; it is shared once a second, different credential
            // holds it (one person's PIN and duress PIN alike are the same holder twice).
            if (next.Current != value)
            {
                (value, first, counted) = (next.Current, next.Holder, false);
            }
            else if (!counted && next.Holder != first)
            {
                shared++;
                counted = true;
            }
            next.MoveNext();
        }
        return shared;
    }

    private readonly record struct Holder(string Format, long Facility, long Number);

    /// <summary>One partial index read in order (INDEXED BY: a plan that would not use it is an error, not a scan).</summary>
    private sealed class Cursor : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteDataReader _reader;

        public Cursor(SqliteConnection connection, SqliteTransaction? transaction, string column)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = $"SELECT {column}, format, facility, number FROM credentials INDEXED BY credentials_{column} WHERE {column} IS NOT NULL ORDER BY {column};";
            _reader = _command.ExecuteReader();
            MoveNext();
        }

        public string? Current { get; private set; }

        public Holder Holder { get; private set; }

        public void MoveNext()
        {
            if (_reader.Read())
            {
                Current = _reader.GetString(0);
                Holder = new Holder(_reader.GetString(1), _reader.GetInt64(2), _reader.GetInt64(3));
            }
            else
            {
                Current = null;
            }
        }

        public void Dispose()
        {
            _reader.Dispose();
            _command.Dispose();
        }
    }
}
