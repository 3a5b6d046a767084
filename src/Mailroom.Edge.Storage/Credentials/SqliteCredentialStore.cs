using System.Globalization;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Enrolled credentials in SQLite, looked up by primary key (format, facility, number): one B-tree probe, no copy of
/// the list in memory. The lookup command is prepared once and reused.
/// </summary>
public sealed class SqliteCredentialStore : ICredentialStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _find;
    private readonly Lock _gate = new();

    public SqliteCredentialStore(string path)
    {
        _connection = SqliteConnections.Open(path, SqliteDurability.Full);
        _connection.Execute(CredentialSchema.Create);
        AddMissingColumns();
        _find = _connection.CreateCommand();
        _find.CommandText = """
            SELECT holder, enabled, valid_from, valid_until, access_groups, pin_hash, duress_pin_hash, responder, extended_grant, lockdown_key
            FROM credentials
            WHERE format = $format AND facility = $facility AND number = $number;
            """;
        _find.Parameters.Add("$format", SqliteType.Text);
        _find.Parameters.Add("$facility", SqliteType.Integer);
        _find.Parameters.Add("$number", SqliteType.Integer);
        _find.Prepare();
    }

    public EnrolledCredential? Find(CardCredential card)
    {
        lock (_gate)
        {
            _find.Parameters[0].Value = card.Format;
            _find.Parameters[1].Value = card.Facility is { } f ? (long)f : CredentialSchema.NoFacility;
            _find.Parameters[2].Value = unchecked((long)card.Number);
            using var reader = _find.ExecuteReader();
            if (!reader.Read())
                return null;
            return new EnrolledCredential(
                card.Format, card.Facility, card.Number,
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.GetInt64(1) != 0,
                ReadTime(reader, 2),
                ReadTime(reader, 3))
            {
                Groups = reader.IsDBNull(4) ? [] : reader.GetString(4).Split(';', StringSplitOptions.RemoveEmptyEntries),
                PinHash = reader.IsDBNull(5) ? null : reader.GetString(5),
                DuressPinHash = reader.IsDBNull(6) ? null : reader.GetString(6),
                Responder = reader.GetInt64(7) != 0,
                ExtendedGrant = reader.GetInt64(8) != 0,
                LockdownKey = reader.GetInt64(9) != 0,
            };
        }
    }

    /// <summary>Replaces the whole list with <paramref name="credentials"/> in one transaction.</summary>
    public void ReplaceAll(IEnumerable<EnrolledCredential> credentials)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            _connection.Execute("DELETE FROM credentials;", transaction);
            using var insert = _connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO credentials (format, facility, number, holder, enabled, valid_from, valid_until,
                    access_groups, pin_hash, duress_pin_hash, responder, extended_grant, lockdown_key)
                VALUES ($format, $facility, $number, $holder, $enabled, $from, $until, $groups, $pin, $duress, $responder, $extended, $lockdown);
                """;
            var p = new[] { "$format", "$facility", "$number", "$holder", "$enabled", "$from", "$until", "$groups", "$pin", "$duress", "$responder", "$extended", "$lockdown" }
                .Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            foreach (var c in credentials)
            {
                p[0].Value = c.Format;
                p[1].Value = c.Facility is { } f ? (long)f : CredentialSchema.NoFacility;
                p[2].Value = unchecked((long)c.Number);
                p[3].Value = (object?)c.Holder ?? DBNull.Value;
                p[4].Value = c.Enabled ? 1 : 0;
                p[5].Value = c.ValidFrom is { } from ? from.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
                p[6].Value = c.ValidUntil is { } until ? until.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
                p[7].Value = c.Groups.Count > 0 ? string.Join(';', c.Groups) : DBNull.Value;
                p[8].Value = (object?)c.PinHash ?? DBNull.Value;
                p[9].Value = (object?)c.DuressPinHash ?? DBNull.Value;
                p[10].Value = c.Responder ? 1 : 0;
                p[11].Value = c.ExtendedGrant ? 1 : 0;
                p[12].Value = c.LockdownKey ? 1 : 0;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>Brings a file created before the rule columns up to date; adding a column is instant in SQLite.</summary>
    private void AddMissingColumns()
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = _connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('credentials');";
            using var reader = info.ExecuteReader();
            while (reader.Read())
                existing.Add(reader.GetString(0));
        }
        foreach (var (name, definition) in CredentialSchema.AddedColumns)
        {
            if (!existing.Contains(name))
                _connection.Execute($"ALTER TABLE credentials ADD COLUMN {name} {definition};");
        }
    }

    public long Count()
    {
        lock (_gate)
            return _connection.Scalar<long>("SELECT count(*) FROM credentials");
    }

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        lock (_gate)
        {
            _find.Dispose();
            _connection.Dispose();
        }
    }
}
