using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The lookup side of one credential file: a read connection with a small page cache (no mmap, so memory does not
/// grow with the list) and the two prepared lookups. Not thread-safe: <see cref="SqliteCredentialStore"/> calls it
/// under its gate, and opens the next list's reader before the switch so the gate only swaps one for the other.
/// </summary>
internal sealed class CredentialReader : IDisposable
{
    /// <summary>Page cache per connection, in KiB. The B-tree's interior pages fit; leaves come from the OS page cache.</summary>
    public const int CacheKib = 2048;

    /// <summary>Candidates read per PIN: two already make the PIN ambiguous; a third costs nothing and shows the count
    /// is not an accident of the limit.</summary>
    private const int MaxPinCandidates = 3;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _find;
    private readonly SqliteCommand _findByPin;

    private readonly bool _ownsConnection;

    public CredentialReader(string path, SqliteDurability durability)
        : this(SqliteConnections.Open(path, durability), ownsConnection: true)
    {
    }

    /// <summary>Looks up through <paramref name="connection"/>, which it does not own: on a full disk the writer's
    /// connection holds the file exclusively (<see cref="SqliteConnections.IsExclusive"/>), and a second one could not read it.</summary>
    public CredentialReader(SqliteConnection connection)
        : this(connection, ownsConnection: false)
    {
    }

    private CredentialReader(SqliteConnection connection, bool ownsConnection)
    {
        _connection = connection;
        _ownsConnection = ownsConnection;
        _connection.Execute($"PRAGMA cache_size = -{CacheKib}; PRAGMA mmap_size = 0;");
        _find = _connection.CreateCommand();
        _find.CommandText = $"SELECT {CredentialRows.Columns} FROM credentials WHERE format = $format AND facility = $facility AND number = $number;";
        _find.Parameters.Add("$format", SqliteType.Text);
        _find.Parameters.Add("$facility", SqliteType.Integer);
        _find.Parameters.Add("$number", SqliteType.Integer);
        _find.Prepare();
        _findByPin = _connection.CreateCommand();
        _findByPin.CommandText = $"""
            SELECT {CredentialRows.Columns} FROM credentials WHERE pin_index = $index
            UNION ALL
            SELECT {CredentialRows.Columns} FROM credentials WHERE duress_pin_index = $index
            LIMIT {MaxPinCandidates};
            """;
        _findByPin.Parameters.Add("$index", SqliteType.Text);
        _findByPin.Prepare();
    }

    public EnrolledCredential? Find(CardCredential card)
    {
        _find.Parameters[0].Value = card.Format;
        _find.Parameters[1].Value = CredentialRows.Facility(card.Facility);
        _find.Parameters[2].Value = CredentialRows.Number(card.Number);
        using var reader = _find.ExecuteReader();
        return reader.Read() ? CredentialRows.Read(reader) : null;
    }

    /// <summary>The rows whose PIN or duress PIN has the blind index <paramref name="index"/> (not yet verified).</summary>
    public List<EnrolledCredential> FindByPinIndex(string index)
    {
        var candidates = new List<EnrolledCredential>(MaxPinCandidates);
        _findByPin.Parameters[0].Value = index;
        using var reader = _findByPin.ExecuteReader();
        while (reader.Read())
            candidates.Add(CredentialRows.Read(reader));
        return candidates;
    }

    public void Dispose()
    {
        _find.Dispose();
        _findByPin.Dispose();
        if (_ownsConnection)
            _connection.Dispose();
    }
}
