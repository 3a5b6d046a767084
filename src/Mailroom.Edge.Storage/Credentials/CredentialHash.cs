using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The content hash of a credential list (docs/mqtt.md, "Content hash"): lower-case hex SHA-256 over one line per
/// credential, sorted by (format as UTF-8 bytes, facility with none as -1, number as a signed 64-bit integer), each
/// line <c>format TAB facility TAB number TAB holder TAB enabled TAB valid_from TAB valid_until TAB responder TAB
/// access_groups TAB pin_hash TAB duress_pin_hash TAB extended_grant TAB lockdown_key TAB pin_index TAB
/// duress_pin_index LF</c>
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
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder(128);
        var bytes = ArrayPool<byte>.Shared.Rent(1024);
        long count = 0;
        try
        {
            while (reader.Read())
            {
                count++;
                line.Clear();
                line.Append(reader.GetString(0)).Append('\t');
                var facility = reader.GetInt64(1);
                if (facility != CredentialSchema.NoFacility)
                    line.Append(facility.ToString(CultureInfo.InvariantCulture));
                line.Append('\t').Append(unchecked((ulong)reader.GetInt64(2)).ToString(CultureInfo.InvariantCulture)).Append('\t');
                if (!reader.IsDBNull(3))
                    line.Append(reader.GetString(3));
                line.Append('\t').Append(reader.GetInt64(4) != 0 ? '1' : '0').Append('\t');
                AppendTime(line, reader, 5);
                line.Append('\t');
                AppendTime(line, reader, 6);
                line.Append('\t').Append(reader.GetInt64(7) != 0 ? '1' : '0');
                for (var text = 8; text <= 10; text++)
                {
                    line.Append('\t');
                    if (!reader.IsDBNull(text))
                        line.Append(reader.GetString(text));
                }
                line.Append('\t').Append(reader.GetInt64(11) != 0 ? '1' : '0');
                line.Append('\t').Append(reader.GetInt64(12) != 0 ? '1' : '0');
                for (var text = 13; text <= 14; text++)
                {
                    line.Append('\t');
                    if (!reader.IsDBNull(text))
                        line.Append(reader.GetString(text));
                }
                line.Append('\n');
                var needed = Encoding.UTF8.GetMaxByteCount(line.Length);
                if (needed > bytes.Length)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = ArrayPool<byte>.Shared.Rent(needed);
                }
                var written = 0;
                foreach (var chunk in line.GetChunks())
                    written += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(written));
                sha.AppendData(bytes, 0, written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        return (count, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    // Stored times are already canonical; re-formatting guards against rows written by older versions ("O" format).
    private static void AppendTime(StringBuilder line, SqliteDataReader reader, int ordinal)
    {
        if (CredentialRows.ReadTime(reader, ordinal) is { } time)
            line.Append(CredentialRows.Time(time));
    }
}
