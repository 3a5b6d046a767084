using System.Globalization;
using System.Threading.Channels;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.AccessState;

/// <summary>
/// The access rules' memory that must outlive the process, in one SQLite file: anti-passback (one row per credential:
/// its last direction and trusted wall time) and the use counts of credentials with a use limit. Written behind the
/// door: <see cref="Record(Passage)"/> and <see cref="Record(CredentialUse)"/> only queue, and one writer task commits
/// whatever has queued meanwhile in one transaction (the latest value per credential wins). A write that fails (disk
/// full) is kept and retried with what follows, and <see cref="LastError"/> says why. Disposing writes what is queued
/// and closes the file, so a clean restart loses nothing; a power cut can lose what the last commit interval held
/// (docs/configuration.md): a one-time pass used in that instant could be used once more.
/// </summary>
public sealed class SqliteAccessState : IPassageLog, ICredentialUseLog, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS passages (
            credential TEXT    PRIMARY KEY,
            direction  TEXT    NOT NULL,
            at         TEXT
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS credential_uses (
            credential TEXT    PRIMARY KEY,
            uses       INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    // Passages and uses share the queue, so one transaction commits both and the order of a decision's writes is kept.
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _written;

    public SqliteAccessState(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        _connection = SqliteConnections.Open(path, durability);
        _connection.Execute(Schema);
        _writer = Task.Run(WriteBehindAsync);
    }

    /// <summary>Why the last write failed; null once a write succeeds again.</summary>
    public string? LastError { get; private set; }

    /// <summary>Rows (passages and use counts) committed so far (for tests and health).</summary>
    public long Written => Interlocked.Read(ref _written);

    public IReadOnlyList<Passage> Load()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT credential, direction, at FROM passages;";
        using var reader = command.ExecuteReader();
        var passages = new List<Passage>();
        while (reader.Read())
        {
            // A row this version cannot read (a direction it does not know) is skipped, never guessed.
            if (!Enum.TryParse<ReaderDirection>(reader.GetString(1), out var direction) || direction == ReaderDirection.None)
                continue;
            DateTimeOffset? at = reader.IsDBNull(2) ? null : DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            passages.Add(new Passage(reader.GetString(0), direction, at));
        }
        return passages;
    }

    IReadOnlyList<CredentialUse> ICredentialUseLog.Load() => LoadUses();

    public IReadOnlyList<CredentialUse> LoadUses()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT credential, uses FROM credential_uses;";
        using var reader = command.ExecuteReader();
        var uses = new List<CredentialUse>();
        while (reader.Read())
            uses.Add(new CredentialUse(reader.GetString(0), (int)Math.Clamp(reader.GetInt64(1), 0, int.MaxValue)));
        return uses;
    }

    public void Record(Passage passage) => _queue.Writer.TryWrite(passage);

    public void Record(CredentialUse use) => _queue.Writer.TryWrite(use);

    private async Task WriteBehindAsync()
    {
        var passages = new Dictionary<string, Passage>(StringComparer.Ordinal);
        var uses = new Dictionary<string, CredentialUse>(StringComparer.Ordinal);
        // A failed batch is retried at once after its pause; otherwise the loop waits for the next record.
        while (passages.Count + uses.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                if (item is Passage passage)
                    passages[passage.Credential] = passage;
                else if (item is CredentialUse use)
                    uses[use.Credential] = use;
            }
            if (passages.Count + uses.Count == 0)
                continue;
            try
            {
                Write(passages.Values, uses.Values);
                Interlocked.Add(ref _written, passages.Count + uses.Count);
                passages.Clear();
                uses.Clear();
                LastError = null;
            }
            catch (SqliteException e)
            {
                LastError = $"anti-passback memory and use counts cannot be written ({e.Message}); retrying";
                if (_queue.Reader.Completion.IsCompleted)
                    return;
                await Task.Delay(RetryInterval).ConfigureAwait(false);
            }
        }
    }

    private void Write(IEnumerable<Passage> passages, IEnumerable<CredentialUse> uses)
    {
        using var transaction = _connection.BeginTransaction();
        using (var upsert = _connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO passages (credential, direction, at) VALUES ($credential, $direction, $at)
                ON CONFLICT (credential) DO UPDATE SET direction = excluded.direction, at = excluded.at;
                """;
            var credential = upsert.Parameters.Add("$credential", SqliteType.Text);
            var direction = upsert.Parameters.Add("$direction", SqliteType.Text);
            var at = upsert.Parameters.Add("$at", SqliteType.Text);
            foreach (var p in passages)
            {
                credential.Value = p.Credential;
                direction.Value = p.Direction.ToString();
                at.Value = p.At is { } time ? WireNames.Timestamp(time) : DBNull.Value;
                upsert.ExecuteNonQuery();
            }
        }
        using (var upsert = _connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO credential_uses (credential, uses) VALUES ($credential, $uses)
                ON CONFLICT (credential) DO UPDATE SET uses = excluded.uses;
                """;
            var credential = upsert.Parameters.Add("$credential", SqliteType.Text);
            var count = upsert.Parameters.Add("$uses", SqliteType.Integer);
            foreach (var u in uses)
            {
                credential.Value = u.Credential;
                count.Value = u.Uses;
                upsert.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    public void Dispose()
    {
        if (!_queue.Writer.TryComplete())
            return;
        _writer.GetAwaiter().GetResult();
        _connection.Dispose();
    }
}
