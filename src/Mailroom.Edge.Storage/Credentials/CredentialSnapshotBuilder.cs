using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Storage.SyncProtocol;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// A full snapshot being built in its own file beside the live list. The file is written without a journal and
/// without syncs (it is thrown away if anything goes wrong, so it needs no crash safety until it is sealed) in one
/// transaction, with a larger page cache while it lasts. Disposing an unsealed builder deletes the file.
/// <para>
/// Rows are hashed as they are stored, from the same bytes, when they arrive in key order (the server sends them so):
/// sealing then only compares, instead of reading millions of rows back. Rows out of order are hashed by that scan.
/// </para>
/// </summary>
public sealed class CredentialSnapshotBuilder : IDisposable
{
    private const int BuildCacheKib = 16 * 1024;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly CredentialInsert _insert;
    private readonly CredentialHash.Incremental _hash = new();
    private bool _sealed;
    private bool _disposed;

    internal CredentialSnapshotBuilder(string path, long version, long expectedCount, string expectedHash)
    {
        FilePath = path;
        Version = version;
        ExpectedCount = expectedCount;
        ExpectedHash = expectedHash;
        SqliteFiles.Delete(path);
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _connection = new SqliteConnection(builder.ToString());
        _connection.Open();
        _connection.Execute($"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -{BuildCacheKib}; PRAGMA mmap_size = 0;");
        CredentialSchema.Ensure(_connection);
        _transaction = _connection.BeginTransaction();
        _insert = new CredentialInsert(_connection, replace: false);
    }

    public long Version { get; }

    public long ExpectedCount { get; }

    public string ExpectedHash { get; }

    /// <summary>Credentials added so far.</summary>
    public long Added { get; private set; }

    /// <summary>The chunk expected next.</summary>
    public int NextChunk { get; internal set; }

    internal string FilePath { get; }

    /// <summary>Stores a chunk's rows, read straight from its message into the insert's line.</summary>
    /// <exception cref="CredentialSyncException">A row is malformed, or a credential is listed twice in the snapshot.</exception>
    public void Add(CredentialSnapshotChunk chunk)
    {
        foreach (var _ in chunk.ReadInto(_insert.Line))
            Stored(_insert.TryInsertLine());
    }

    /// <exception cref="CredentialSyncException">A credential is listed twice in the snapshot.</exception>
    public void Add(IEnumerable<EnrolledCredential> credentials)
    {
        foreach (var c in credentials)
            Stored(_insert.TryInsert(c));
    }

    /// <summary>Hashes and counts the row just inserted from the insert's line, or refuses a key listed twice.</summary>
    private void Stored(bool inserted)
    {
        if (!inserted)
            throw new CredentialSyncException(CredentialRows.ListedTwice(_insert.Line.Key()), requestSnapshot: true);
        _hash.Append(_insert.Line);
        Added++;
    }

    /// <summary>
    /// Commits, checks the count and hash against the snapshot's header, records which list this is, switches the
    /// file to WAL (the live list's journal), closes and fsyncs it. Called by the store's install, nothing else.
    /// </summary>
    internal CredentialListStatus Seal(DateTimeOffset now)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var (count, hash) = _hash.InKeyOrder ? (Added, _hash.Finish()) : CredentialHash.Compute(_connection, _transaction);
        if (count != ExpectedCount)
            throw new CredentialSyncException($"the snapshot has {count} credentials, its header says {ExpectedCount}", requestSnapshot: true);
        if (!string.Equals(hash, ExpectedHash, StringComparison.OrdinalIgnoreCase))
            throw new CredentialSyncException($"the snapshot's hash is {hash}, its header says {ExpectedHash}", requestSnapshot: true);
        var status = new CredentialListStatus(Version, count, hash, now);
        CredentialRows.WriteListRow(_connection, _transaction, status.Version, status.Count, status.Hash, status.UpdatedAt);
        _insert.Dispose();
        _hash.Dispose();
        _transaction.Commit();
        _connection.Execute("PRAGMA journal_mode = WAL;");
        _connection.Dispose();
        using (var file = new FileStream(FilePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
            file.Flush(flushToDisk: true);
        _sealed = true;
        _disposed = true;
        return status;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _insert.Dispose();
        _hash.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
        if (!_sealed)
            SqliteFiles.Delete(FilePath);
    }
}
