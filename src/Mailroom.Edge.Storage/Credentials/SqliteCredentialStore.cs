using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Storage.SyncProtocol;
using Microsoft.Data.Sqlite;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Enrolled credentials in SQLite, looked up by primary key (format, facility, number): one B-tree probe on a
/// prepared command, no copy of the list in memory (each connection keeps a small page cache, no mmap, so the
/// agent's memory does not grow with the list).
/// <para>
/// Two connections: lookups read on their own under a short gate; changes (deltas, imports) go through a writer
/// connection in WAL mode, so a lookup sees either the list before a change or after it, never waits for it. A full
/// snapshot is built beside the live file (<see cref="BeginSnapshot"/>) and switched in by <see cref="Install"/>.
/// </para>
/// <para>
/// The live list's name (<see cref="FilePath"/>) is a symbolic link to a file of its own per snapshot
/// (<c>credentials.db.gen7</c>); SQLite follows the link, so each file's WAL and shared-memory files are named after
/// it. That is what lets the new list's reader be opened while the old one is still answering: two database files may
/// never share one WAL name, which is why renaming a new file over the open live one forced a close and a reopen inside
/// the gate (1–2 ms, most of it opening and preparing). Now the gate only swaps one reader for the other.
/// </para>
/// <para>
/// With the site's <see cref="PinIndexKey"/> it is also the PIN directory (<see cref="IPinLookup"/>): the typed PIN's
/// keyed index is looked up in the <c>pin_index</c> and <c>duress_pin_index</c> indexes, and each candidate is verified
/// against its PBKDF2 hash outside the gate, so one PIN check never holds up another reader's card lookup.
/// </para>
/// <para>
/// Every change also holds an exclusive lock on <c>{file}.lock</c>, shared with other processes (the installer's
/// <c>credentials import</c> runs beside the agent): a switch counts itself in that file, and a store that finds the
/// count moved since it opened the file reopens it first, so an import racing a switch lands in the live file (before
/// or after the switch) instead of in the replaced one, which would silently lose it.
/// </para>
/// </summary>
public sealed class SqliteCredentialStore : ICredentialStore, IPinLookup, ICredentialListInfo, IDisposable
{
    private const string GenerationMark = ".gen";

    private readonly string _path;
    private readonly SqliteDurability _durability;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private CredentialReader _read = null!;
    private readonly PinIndexKey? _pinIndexKey;
    private SqliteConnection _write = null!;
    private volatile CredentialListStatus _status = null!;
    private long _switches;

    public SqliteCredentialStore(string path, TimeProvider? time = null, SqliteDurability durability = SqliteDurability.Full, PinIndexKey? pinIndexKey = null)
    {
        _path = Path.GetFullPath(path);
        _pinIndexKey = pinIndexKey;
        _durability = durability;
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using var fileLock = LockFile();
        _switches = fileLock.Counter;
        OpenWriter();
        CredentialSchema.Ensure(_write);
        _read = _write.IsExclusive() ? new CredentialReader(_write) : new CredentialReader(_path, _durability);
        DeleteOldGenerations();
        _status = CredentialRows.ReadListRow(_write) with { DuplicatePins = DuplicatePinCount.Read(_write) };
    }

    /// <summary>The live list's version, count, hash and load time.</summary>
    public CredentialListStatus Status => _status;

    /// <summary>How long lookups were held at the gate by the last snapshot switch (for health and benchmarks).</summary>
    public TimeSpan LastSwitchPause { get; private set; }

    /// <summary>The file the live list is in.</summary>
    public string FilePath => _path;

    public EnrolledCredential? Find(CardCredential card)
    {
        lock (_gate)
            return _read.Find(card);
    }

    /// <summary>Every credential whose PIN or duress PIN is <paramref name="pin"/>, verified by PBKDF2.</summary>
    /// <exception cref="InvalidOperationException">The store was opened without a PIN index key.</exception>
    public IReadOnlyList<PinMatch> FindByPin(string pin)
    {
        var key = _pinIndexKey ?? throw new InvalidOperationException("the credential store has no PIN index key (Credentials:PinIndexKey)");
        var index = key.Index(pin);
        List<EnrolledCredential> candidates;
        lock (_gate)
            candidates = _read.FindByPinIndex(index);
        // A credential whose PIN and duress PIN are the same is one person, found twice.
        return [.. candidates.DistinctBy(c => (c.Format, c.Facility, c.Number)).Select(c => PinMatch.Of(c, pin)).OfType<PinMatch>()];
    }

    public long Count() => _status.Count;

    /// <summary>
    /// Replaces the whole list in place, in one transaction on the writer connection (lookups go on with the old list
    /// until it commits). Used by the installer's import and the seed file, which may run while the agent has the file
    /// open; <paramref name="version"/> 0 marks a list that did not come from the server.
    /// </summary>
    public CredentialListStatus ReplaceAll(IEnumerable<EnrolledCredential> credentials, long version = 0)
    {
        lock (_writeGate)
        {
            using var fileLock = LockLiveFile();
            using var transaction = _write.BeginTransaction();
            _write.Execute("DELETE FROM credentials;", transaction);
            using (var insert = new CredentialInsert(_write, replace: false))
            {
                foreach (var c in credentials)
                {
                    if (!insert.TryInsert(c))
                        throw new CredentialImportException(CredentialRows.ListedTwice(insert.Line.Key()));
                }
            }
            return Commit(transaction, version);
        }
    }

    /// <summary>
    /// Applies a delta (version N to N+1, or a confirmation that N is still current) in one transaction: removes, then
    /// upserts, then checks the resulting count and hash against the delta's; a mismatch rolls everything back.
    /// </summary>
    /// <exception cref="CredentialSyncException">The delta does not start at the live version, or the result is not
    /// the list the server described.</exception>
    public CredentialListStatus ApplyDelta(CredentialDelta delta)
    {
        lock (_writeGate)
        {
            using var fileLock = LockLiveFile();
            var live = _status;
            if (delta.FromVersion != live.Version)
                throw new CredentialSyncException($"delta starts at version {delta.FromVersion} but the live list is version {live.Version}", requestSnapshot: true);
            using var transaction = _write.BeginTransaction();
            using (var remove = _write.CreateCommand())
            {
                remove.Transaction = transaction;
                remove.CommandText = "DELETE FROM credentials WHERE format = $format AND facility = $facility AND number = $number;";
                var format = remove.Parameters.Add("$format", SqliteType.Text);
                var facility = remove.Parameters.Add("$facility", SqliteType.Integer);
                var number = remove.Parameters.Add("$number", SqliteType.Integer);
                foreach (var key in delta.Remove)
                {
                    format.Value = key.Format;
                    facility.Value = CredentialRows.Facility(key.Facility);
                    number.Value = CredentialRows.Number(key.Number);
                    remove.ExecuteNonQuery();
                }
            }
            using (var upsert = new CredentialInsert(_write, replace: true))
            {
                foreach (var c in delta.Upsert)
                    upsert.TryInsert(c);
            }
            var (count, hash) = CredentialHash.Compute(_write, transaction);
            if (count != delta.Count)
                throw new CredentialSyncException($"after the delta the list has {count} credentials, the delta says {delta.Count}", requestSnapshot: true);
            if (!string.Equals(hash, delta.Hash, StringComparison.OrdinalIgnoreCase))
                throw new CredentialSyncException($"after the delta the list hash is {hash}, the delta says {delta.Hash}", requestSnapshot: true);
            return Commit(transaction, delta.Version, count, hash);
        }
    }

    /// <summary>Re-reads the live list's version, count and hash from the file, for a change another process made
    /// (the installer's import); the agent calls it on its age check.</summary>
    public CredentialListStatus RefreshStatus()
    {
        lock (_writeGate)
        {
            using var fileLock = LockLiveFile();
            return _status;
        }
    }

    /// <summary>Starts building a full snapshot in a file beside the live one; nothing live changes until
    /// <see cref="Install"/>.</summary>
    public CredentialSnapshotBuilder BeginSnapshot(long version, long expectedCount, string expectedHash) =>
        new(_path + ".next", version, expectedCount, expectedHash);

    /// <summary>
    /// Verifies a finished snapshot (count and hash) and switches it in atomically: the file is sealed and fsynced,
    /// renamed to a generation of its own, its reader opened and prepared, the live name pointed at it (a new symbolic
    /// link renamed over the old name, then the directory fsynced); only then, under the gate, the readers are swapped.
    /// Lookups wait for the swap alone; before it they use the old list, after it the new one.
    /// </summary>
    /// <exception cref="CredentialSyncException">The snapshot's count or hash is not what its header announced.</exception>
    public CredentialListStatus Install(CredentialSnapshotBuilder snapshot)
    {
        lock (_writeGate)
        {
            using var fileLock = LockLiveFile();
            var status = snapshot.Seal(_time.GetUtcNow());
            var previous = LiveFile();
            var generation = NewGenerationPath(fileLock.Counter + 1);
            File.Move(snapshot.FilePath, generation);
            var next = new CredentialReader(generation, _durability);
            try
            {
                PointLiveNameAt(generation);
                SyncDirectory();
            }
            catch
            {
                next.Dispose();
                throw;
            }
            _write.Dispose();
            LastSwitchPause = SwapReader(next);
            _status = status;
            // The old file's last reader closed outside the gate; its blocks are freed with its name, also outside.
            if (previous != _path)
                SqliteFiles.Delete(previous);
            OpenWriter();
            _status = status = status with { DuplicatePins = DuplicatePinCount.Read(_write) };
            fileLock.Counter = ++_switches;
            return status;
        }
    }

    /// <summary>Every credential in key order, streamed from a connection of its own (for export): no full copy in
    /// memory, and a consistent snapshot of the list even if a change commits meanwhile.</summary>
    public IEnumerable<EnrolledCredential> ReadAll()
    {
        using var connection = SqliteConnections.Open(_path, _durability);
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {CredentialRows.Columns} FROM credentials ORDER BY format, facility, number;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            yield return CredentialRows.Read(reader);
    }

    /// <summary>The schedules credentials name (<see cref="EnrolledCredential.Schedule"/>), each with how many name it,
    /// so <c>config check</c> can say which ones the device does not have.</summary>
    public IReadOnlyList<(string Schedule, long Credentials)> NamedSchedules()
    {
        using var connection = SqliteConnections.Open(_path, _durability);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT schedule, count(*) FROM credentials WHERE schedule IS NOT NULL GROUP BY schedule ORDER BY schedule;";
        using var reader = command.ExecuteReader();
        var named = new List<(string, long)>();
        while (reader.Read())
            named.Add((reader.GetString(0), reader.GetInt64(1)));
        return named;
    }

    private Interop.FileLock LockFile() => Interop.FileLock.Acquire(_path + ".lock");

    /// <summary>Takes the cross-process lock and makes sure the connections are on the live file: if another process
    /// switched a snapshot in since they were opened, they are reopened (and the status re-read) first.</summary>
    private Interop.FileLock LockLiveFile()
    {
        var fileLock = LockFile();
        try
        {
            if (fileLock.Counter != _switches)
            {
                _write.Dispose();
                OpenWriter();
                SwapReader(new CredentialReader(_path, _durability));
                _switches = fileLock.Counter;
            }
            // Another process may have changed the list (an import while the agent runs): start from what is there. The
            // duplicate PINs are recounted only when the content changed (this runs on every 30 s age check).
            var live = CredentialRows.ReadListRow(_write);
            _status = live with { DuplicatePins = live.Hash == _status.Hash ? _status.DuplicatePins : DuplicatePinCount.Read(_write) };
            return fileLock;
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    private CredentialListStatus Commit(SqliteTransaction transaction, long version, long? count = null, string? hash = null)
    {
        if (count is null || hash is null)
            (count, hash) = CredentialHash.Compute(_write, transaction);
        var status = new CredentialListStatus(version, count.Value, hash, _time.GetUtcNow());
        CredentialRows.WriteListRow(_write, transaction, status.Version, status.Count, status.Hash, status.UpdatedAt);
        transaction.Commit();
        // Counted after the commit, so the write transaction is not held open for it.
        _status = status = status with { DuplicatePins = DuplicatePinCount.Read(_write) };
        return status;
    }

    /// <summary>Puts <paramref name="next"/> (opened and prepared) in place of the live reader: the gate is held for the
    /// swap alone, and the old reader is closed after it. Returns how long lookups were held.</summary>
    private TimeSpan SwapReader(CredentialReader next)
    {
        CredentialReader old;
        var held = System.Diagnostics.Stopwatch.StartNew();
        lock (_gate)
        {
            held.Restart();
            old = _read;
            _read = next;
            held.Stop();
        }
        old.Dispose();
        return held.Elapsed;
    }

    /// <summary>The file the live name leads to: the generation its link points at, or the name itself (a list that
    /// was never switched, or one from before generations).</summary>
    private string LiveFile() =>
        new FileInfo(_path).LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(_path)!) : _path;

    private string NewGenerationPath(long counter)
    {
        var generation = counter;
        while (File.Exists(_path + GenerationMark + generation))
            generation++;
        return _path + GenerationMark + generation;
    }

    // rename(2) replaces the name atomically: a process opening the list at any moment finds the old file or the new one.
    private void PointLiveNameAt(string generation)
    {
        var link = _path + ".link";
        File.Delete(link);
        File.CreateSymbolicLink(link, Path.GetFileName(generation));
        File.Move(link, _path, overwrite: true);
    }

    /// <summary>Generations left behind by a crash between a switch and its clean-up (and their WAL files).</summary>
    private void DeleteOldGenerations()
    {
        var live = LiveFile();
        var directory = Path.GetDirectoryName(_path)!;
        foreach (var file in Directory.EnumerateFiles(directory, Path.GetFileName(_path) + GenerationMark + "*"))
        {
            if (SqliteFiles.DatabaseOf(file) != live)
                File.Delete(file);
        }
    }

    private void OpenWriter()
    {
        _write = SqliteConnections.Open(_path, _durability);
        _write.Execute($"PRAGMA cache_size = -{CredentialReader.CacheKib}; PRAGMA mmap_size = 0;");
    }

    // A rename is durable only once its directory is; without this a power cut could bring the old list back.
    private void SyncDirectory()
    {
        if (_durability != SqliteDurability.Full)
            return;
        Interop.DirectorySync.Flush(Path.GetDirectoryName(_path)!);
    }

    public void Dispose()
    {
        lock (_writeGate)
        lock (_gate)
        {
            _read.Dispose();
            _write.Dispose();
        }
    }
}
