using System.Globalization;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// How an <see cref="EnrolledCredential"/> maps to a row of <c>credentials</c>: the one place that lists the columns
/// for inserts and reads. Times are stored in the canonical form of the wire and of the hash
/// (<c>yyyy-MM-ddTHH:mm:ss.fffZ</c>); an empty holder is stored as NULL.
/// </summary>
internal static class CredentialRows
{
    public const string Columns = "format, facility, number, holder, enabled, valid_from, valid_until, responder, "
        + "access_groups, pin_hash, duress_pin_hash, extended_grant, lockdown_key, pin_index, duress_pin_index, "
        + "category, max_uses, schedule";

    /// <summary>Why a list was refused when a key came twice (primary key violation).</summary>
    public static string ListedTwice(CardCredential key) =>
        $"{key.Format} facility {key.Facility?.ToString(CultureInfo.InvariantCulture) ?? "none"} number {key.Number} is listed twice";

    public static long Facility(uint? facility) => facility is { } f ? f : CredentialSchema.NoFacility;

    public static uint? FacilityOf(long stored) => stored == CredentialSchema.NoFacility ? null : (uint)stored;

    // SQLite integers are signed: numbers of 2^63 and above are stored as their two's-complement negatives.
    public static long Number(ulong number) => unchecked((long)number);

    public static ulong NumberOf(long stored) => unchecked((ulong)stored);

    public static string Time(DateTimeOffset time) => WireNames.Timestamp(time);

    /// <summary>Reads a row selected as <see cref="Columns"/>, starting at <paramref name="first"/>.</summary>
    public static EnrolledCredential Read(SqliteDataReader r, int first = 0)
    {
        return new EnrolledCredential(
            r.GetString(first),
            FacilityOf(r.GetInt64(first + 1)),
            NumberOf(r.GetInt64(first + 2)),
            r.IsDBNull(first + 3) ? null : r.GetString(first + 3),
            r.GetInt64(first + 4) != 0,
            ReadTime(r, first + 5),
            ReadTime(r, first + 6))
        {
            Responder = r.GetInt64(first + 7) != 0,
            Groups = r.IsDBNull(first + 8) ? [] : r.GetString(first + 8).Split(';', StringSplitOptions.RemoveEmptyEntries),
            PinHash = r.IsDBNull(first + 9) ? null : r.GetString(first + 9),
            DuressPinHash = r.IsDBNull(first + 10) ? null : r.GetString(first + 10),
            ExtendedGrant = r.GetInt64(first + 11) != 0,
            LockdownKey = r.GetInt64(first + 12) != 0,
            PinIndex = r.IsDBNull(first + 13) ? null : r.GetString(first + 13),
            DuressPinIndex = r.IsDBNull(first + 14) ? null : r.GetString(first + 14),
            Category = r.IsDBNull(first + 15) ? null : r.GetString(first + 15),
            MaxUses = r.IsDBNull(first + 16) ? null : checked((int)r.GetInt64(first + 16)),
            Schedule = r.IsDBNull(first + 17) ? null : r.GetString(first + 17),
        };
    }

    public static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static void WriteListRow(SqliteConnection connection, SqliteTransaction? transaction, long version, long count, string hash, DateTimeOffset? updatedAt)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO credential_list (id, version, count, hash, updated_at) VALUES (1, $version, $count, $hash, $updated);";
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$updated", updatedAt is { } u ? Time(u) : DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static CredentialListStatus ReadListRow(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, count, hash, updated_at FROM credential_list WHERE id = 1;";
        using var r = command.ExecuteReader();
        if (!r.Read())
            throw new InvalidOperationException("the credential database has no credential_list row");
        return new CredentialListStatus(r.GetInt64(0), r.GetInt64(1), r.GetString(2), ReadTime(r, 3));
    }
}
