using System.Globalization;
using System.Threading.Channels;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.AccessState;

/// <summary>
/// Anti-passback memory in SQLite (one row per credential: its last direction and trusted wall time), written behind
/// the door: <see cref="Record"/> only queues, and one writer task commits whatever has queued meanwhile in one
/// transaction (the latest passage per credential wins). A write that fails (disk full) is kept and retried with what
/// follows, and <see cref="LastError"/> says why. Disposing writes what is queued and closes the file, so a clean
/// restart loses nothing; a power cut can lose the passages of the last commit interval (docs/configuration.md).
/// </summary>
public sealed class SqlitePassageLog : IPassageLog, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS passages (
            credential TEXT    PRIMARY KEY,
            direction  TEXT    NOT NULL,
            at         TEXT
        ) WITHOUT ROWID;
        """;

    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection _connection;
    private readonly Channel<Passage> _queue = Channel.CreateUnbounded<Passage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _written;

    public SqlitePassageLog(string path, SqliteDurability durability = SqliteDurability.Full)
    {
        _connection = SqliteConnections.Open(path, durability);
        _connection.Execute(Schema);
        _writer = Task.Run(WriteBehindAsync);
    }

    /// <summary>Why the last write failed; null once a write succeeds again.</summary>
    public string? LastError { get; private set; }

    /// <summary>Passages committed so far (for tests and health).</summary>
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

    public void Record(Passage passage) => _queue.Writer.TryWrite(passage);

    private async Task WriteBehindAsync()
    {
        var batch = new Dictionary<string, Passage>(StringComparer.Ordinal);
        // A failed batch is retried at once after its pause; otherwise the loop waits for the next passage.
        while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var passage))
                batch[passage.Credential] = passage;
            if (batch.Count == 0)
                continue;
            try
            {
                Write(batch.Values);
                Interlocked.Add(ref _written, batch.Count);
                batch.Clear();
                LastError = null;
            }
            catch (SqliteException e)
            {
                LastError = $"anti-passback memory cannot be written ({e.Message}); retrying";
                if (_queue.Reader.Completion.IsCompleted)
                    return;
                await Task.Delay(RetryInterval).ConfigureAwait(false);
            }
        }
    }

    private void Write(IEnumerable<Passage> passages)
    {
        using var transaction = _connection.BeginTransaction();
        using var upsert = _connection.CreateCommand();
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
