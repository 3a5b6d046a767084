using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// Applies the central server's sync messages to the store, one at a time, and says how each sync ended as events:
/// <see cref="CredentialSyncResultEvent"/> when a delta or a whole snapshot is applied or refused, plus
/// <see cref="CredentialSnapshotRequestedEvent"/> when only a full snapshot can repair the list.
/// <para>
/// A snapshot's chunks must arrive in order from chunk 0. A chunk seen before (an MQTT QoS 1 redelivery) is ignored;
/// a gap refuses the snapshot (a chunk is missing). A new chunk 0 abandons a snapshot in progress. The live list is
/// untouched until the last chunk has arrived and the whole snapshot matches its count and hash. Once a snapshot is
/// refused, its remaining chunks are dropped without a result each (one refusal per snapshot, not one per chunk). A
/// snapshot whose next chunk does not come within <see cref="SnapshotTimeout"/> is abandoned by
/// <see cref="AbandonIfStalled"/>.
/// </para>
/// <para>
/// With <paramref name="authority"/> (<c>Credentials:RequireSignedSync</c>), a snapshot (at its chunk 0) or a delta is
/// applied only if a signed <c>credentials</c> command authorised exactly its version, count and hash; without one, it
/// is refused and nothing is written.
/// </para>
/// </summary>
public sealed class CredentialSync(SqliteCredentialStore store, TimeProvider time, CredentialSyncAuthorisations? authority = null, TimeSpan? snapshotTimeout = null) : IDisposable
{
    /// <summary>The default of <c>Credentials:SnapshotTimeout</c>.</summary>
    public static readonly TimeSpan DefaultSnapshotTimeout = TimeSpan.FromMinutes(5);

    private CredentialSnapshotBuilder? _building;
    private CredentialSyncAuthorisation? _buildingAuthorisation;
    private long _lastChunkAt;
    private (long Version, string Hash)? _refused;

    /// <summary>How long a snapshot may wait for its next chunk before it is abandoned.</summary>
    public TimeSpan SnapshotTimeout { get; } = snapshotTimeout ?? DefaultSnapshotTimeout;

    /// <summary>How long until the snapshot in progress counts as stalled; null when none is in progress.</summary>
    public TimeSpan? UntilStalled =>
        _building is null ? null : TimeSpan.FromTicks(Math.Max(0, (SnapshotTimeout - time.GetElapsedTime(_lastChunkAt)).Ticks));

    /// <summary>The snapshot being received, if any (for status).</summary>
    public (long Version, int NextChunk, long Added)? InProgress =>
        _building is { } b ? (b.Version, b.NextChunk, b.Added) : null;

    /// <summary>Handles one message; returns the events to append (none while a snapshot is still arriving).</summary>
    public IReadOnlyList<DomainEvent> Handle(ReadOnlyMemory<byte> payload)
    {
        object message;
        try
        {
            message = CredentialSyncMessages.Parse(payload);
        }
        catch (CredentialSyncException e)
        {
            return Rejected("unknown", 0, e);
        }
        using var chunkMessage = message as CredentialSnapshotChunk;
        return message switch
        {
            CredentialSnapshotChunk chunk => HandleChunk(chunk),
            CredentialDelta delta => HandleDelta(delta),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    /// <summary>Abandons the snapshot in progress (and deletes its file) if no chunk came for
    /// <see cref="SnapshotTimeout"/>; returns the refusal and the request for a new snapshot, or nothing.</summary>
    public IReadOnlyList<DomainEvent> AbandonIfStalled()
    {
        if (_building is not { } stalled || UntilStalled > TimeSpan.Zero)
            return [];
        var problem = new CredentialSyncException($"no chunk for {SnapshotTimeout} (chunk {stalled.NextChunk} was expected next); the snapshot is abandoned", requestSnapshot: true);
        Refuse(stalled.Version, stalled.ExpectedHash);
        return Rejected("snapshot", stalled.Version, problem);
    }

    private IReadOnlyList<DomainEvent> HandleDelta(CredentialDelta delta)
    {
        try
        {
            var authorisation = Authorise(CredentialSyncAuthorisation.DeltaKind, delta.FromVersion, delta.Version, delta.Count, delta.Hash);
            var status = store.ApplyDelta(delta);
            Consume(authorisation);
            return [new CredentialSyncResultEvent(time.GetUtcNow(), "delta", true, status.Version, null, status.Count, status.Hash, status.Version, status.DuplicatePins)];
        }
        catch (CredentialSyncException e)
        {
            return Rejected("delta", delta.Version, e);
        }
    }

    private IReadOnlyList<DomainEvent> HandleChunk(CredentialSnapshotChunk chunk)
    {
        // Chunk 0 of the snapshot already being received is a redelivery, not a restart (a restart of the same list
        // would re-send the same chunks, which are then ignored until new ones arrive).
        if (chunk.Chunk == 0 && !(_building is { } current && current.Version == chunk.Version && current.ExpectedHash == chunk.Hash))
        {
            var abandoned = _building is { } old
                ? Rejected("snapshot", old.Version, new CredentialSyncException($"superseded by a new snapshot of version {chunk.Version} before chunk {old.NextChunk} arrived", requestSnapshot: false))
                : [];
            Abandon();
            _refused = null;
            try
            {
                if (chunk.Version < store.Status.Version)
                    throw new CredentialSyncException($"the snapshot is version {chunk.Version}, older than the live list's {store.Status.Version}", requestSnapshot: false);
                _buildingAuthorisation = Authorise(CredentialSyncAuthorisation.SnapshotKind, null, chunk.Version, chunk.Count, chunk.Hash);
            }
            catch (CredentialSyncException e)
            {
                Refuse(chunk.Version, chunk.Hash);
                // A late QoS 1 redelivery of the snapshot that is live now: its authorisation was used up by applying it.
                if (authority is not null && chunk.Version == store.Status.Version && string.Equals(chunk.Hash, store.Status.Hash, StringComparison.OrdinalIgnoreCase))
                    return abandoned;
                return [.. abandoned, .. Rejected("snapshot", chunk.Version, e)];
            }
            _building = store.BeginSnapshot(chunk.Version, chunk.Count, chunk.Hash);
            _lastChunkAt = time.GetTimestamp();
            return [.. abandoned, .. Continue(chunk)];
        }

        // The rest of a snapshot already refused: one refusal was enough.
        if (_refused == (chunk.Version, chunk.Hash))
            return [];
        if (_building is not { } building || building.Version != chunk.Version)
        {
            // A late redelivery of a snapshot that has already been applied: nothing to do.
            if (chunk.Version == store.Status.Version && _building is null)
                return [];
            _refused = (chunk.Version, chunk.Hash);
            return Rejected("snapshot", chunk.Version, new CredentialSyncException($"chunk {chunk.Chunk} of version {chunk.Version} arrived without the start of its snapshot", requestSnapshot: true));
        }
        if (chunk.Chunk < building.NextChunk)
            return [];
        return Continue(chunk);
    }

    private IReadOnlyList<DomainEvent> Continue(CredentialSnapshotChunk chunk)
    {
        var building = _building!;
        try
        {
            if (chunk.Chunk > building.NextChunk)
                throw new CredentialSyncException($"chunk {building.NextChunk} is missing (chunk {chunk.Chunk} arrived next)", requestSnapshot: true);
            if (chunk.Count != building.ExpectedCount || !string.Equals(chunk.Hash, building.ExpectedHash, StringComparison.Ordinal))
                throw new CredentialSyncException($"chunk {chunk.Chunk} announces a different count or hash than chunk 0", requestSnapshot: true);
            building.Add(chunk);
            building.NextChunk = chunk.Chunk + 1;
            _lastChunkAt = time.GetTimestamp();
            if (building.NextChunk < chunk.Chunks)
                return [];
            var status = store.Install(building);
            _building = null;
            Consume(_buildingAuthorisation);
            _buildingAuthorisation = null;
            return [new CredentialSyncResultEvent(time.GetUtcNow(), "snapshot", true, status.Version, null, status.Count, status.Hash, status.Version, status.DuplicatePins)];
        }
        catch (CredentialSyncException e)
        {
            Refuse(chunk.Version, chunk.Hash);
            return Rejected("snapshot", chunk.Version, e);
        }
    }

    /// <exception cref="CredentialSyncException">Signed sync is required and no live authorisation names this sync.</exception>
    private CredentialSyncAuthorisation? Authorise(string kind, long? fromVersion, long version, long count, string hash)
    {
        if (authority is null)
            return null;
        return authority.Find(kind, fromVersion, version, count, hash)
            ?? throw new CredentialSyncException($"not authorised: no signed credentials command (accepted within the last {authority.Lifetime}) names {CredentialSyncAuthorisation.Describe(kind, fromVersion, version, count, hash)}", requestSnapshot: false);
    }

    private void Consume(CredentialSyncAuthorisation? authorisation)
    {
        if (authorisation is not null)
            authority?.Consume(authorisation);
    }

    private void Refuse(long version, string hash)
    {
        Abandon();
        _refused = (version, hash);
    }

    private List<DomainEvent> Rejected(string kind, long version, CredentialSyncException e)
    {
        var now = time.GetUtcNow();
        var active = store.Status.Version;
        List<DomainEvent> events = [new CredentialSyncResultEvent(now, kind, false, version, e.Message, null, null, active)];
        if (e.RequestSnapshot)
            events.Add(new CredentialSnapshotRequestedEvent(now, active, e.Message));
        return events;
    }

    private void Abandon()
    {
        _building?.Dispose();
        _building = null;
        _buildingAuthorisation = null;
    }

    public void Dispose() => Abandon();
}
