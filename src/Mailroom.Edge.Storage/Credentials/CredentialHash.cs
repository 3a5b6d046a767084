using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The content hash of a credential list (docs/mqtt.md, "Content hash"): lower-case hex SHA-256 over one line per
/// credential, sorted by (format as UTF-8 bytes, facility with none as -1, number as a signed 64-bit integer), each
/// line <c>format TAB facility TAB number TAB holder TAB enabled TAB valid_from TAB valid_until TAB responder TAB
/// access_groups TAB pin_hash TAB duress_pin_hash TAB extended_grant TAB lockdown_key TAB pin_index TAB
/// duress_pin_index TAB category TAB max_uses TAB schedule LF</c>
/// with an absent facility, holder or time as the empty string, booleans as <c>1</c>/<c>0</c> and times as
/// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>. The sort is the primary key's order, so the scan needs no sort and no memory.
/// </summary>
public static class CredentialHash
{
    /// <summary>The hash of the empty list (SHA-256 of nothing).</summary>
    public static readonly string Empty = Convert.ToHexStringLower(SHA256.HashData([]));

    /// <summary>Counts and hashes the <c>credentials</c> table as the connection (and transaction) sees it.</summary>
    internal static (long Count, string Hash) Compute(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {CredentialRows.Columns} FROM credentials ORDER BY format, facility, number;";
        using var reader = command.ExecuteReader();
        using var hash = new Incremental();
        var line = new CredentialLine();
        long count = 0;
        while (reader.Read())
        {
            // Stored times are canonical already; reading and writing them again also mends rows of older versions.
            line.Write(CredentialRows.Read(reader));
            hash.Append(line);
            count++;
        }
        // ORDER BY the primary key is the hash's order; a scan out of it would hash only a prefix.
        if (!hash.InKeyOrder)
            throw new InvalidOperationException("the credentials table did not scan in primary key order");
        return (count, hash.Finish());
    }

    /// <summary>
    /// The hash of rows handed over one by one as they are stored (a snapshot being built), valid only while they come
    /// in the hash's order — a strictly increasing primary key, which is how the server sends a snapshot. Rows out of
    /// order make <see cref="InKeyOrder"/> false, and the caller hashes the table instead.
    /// </summary>
    internal sealed class Incremental : IDisposable
    {
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _lastFormat = new byte[64];
        private int _lastFormatLength = -1;
        private long _lastFacility;
        private long _lastNumber;

        public bool InKeyOrder { get; private set; } = true;

        public void Append(CredentialLine line)
        {
            if (!InKeyOrder)
                return;
            if (_lastFormatLength >= 0 && Compare(line) <= 0)
            {
                InKeyOrder = false;
                return;
            }
            Remember(line);
            _sha.AppendData(line.Line);
        }

        /// <summary>The hash of the rows appended, meaningful only while <see cref="InKeyOrder"/>.</summary>
        public string Finish() => Convert.ToHexStringLower(_sha.GetHashAndReset());

        public void Dispose() => _sha.Dispose();

        // The primary key's order in SQLite: the format's UTF-8 bytes (BINARY collation), then the signed integers.
        private int Compare(CredentialLine line)
        {
            var format = line.Format.SequenceCompareTo(_lastFormat.AsSpan(0, _lastFormatLength));
            if (format != 0)
                return format;
            var facility = line.Facility.CompareTo(_lastFacility);
            return facility != 0 ? facility : line.Number.CompareTo(_lastNumber);
        }

        private void Remember(CredentialLine line)
        {
            if (line.Format.Length > _lastFormat.Length)
                _lastFormat = new byte[line.Format.Length];
            line.Format.CopyTo(_lastFormat);
            _lastFormatLength = line.Format.Length;
            _lastFacility = line.Facility;
            _lastNumber = line.Number;
        }
    }
}
