using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Applies the central server's sync messages to the store, one at a time, and says how each sync ended as events:
/// <see cref="CredentialSyncResultEvent"/> when a delta or a whole snapshot is applied or refused, plus
/// <see cref="CredentialSnapshotRequestedEvent"/> when only a full snapshot can repair the list.
/// <para>
/// A snapshot's chunks must arrive in order from chunk 0. A chunk seen before (an MQTT QoS 1 redelivery) is ignored;
/// a gap refuses the snapshot (a chunk is missing). A new chunk 0 abandons a snapshot in progress. The live list is
/// untouched until the last chunk has arrived and the whole snapshot matches its count and hash.
/// </para>
/// </summary>
public sealed class CredentialSync(SqliteCredentialStore store, TimeProvider time) : IDisposable
{
    private CredentialSnapshotBuilder? _building;

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
        return message switch
        {
            CredentialSnapshotChunk chunk => HandleChunk(chunk),
            CredentialDelta delta => HandleDelta(delta),
            _ => throw new InvalidOperationException("unreachable"),
        };
    }

    private IReadOnlyList<DomainEvent> HandleDelta(CredentialDelta delta)
    {
        try
        {
            var status = store.ApplyDelta(delta);
            return [new CredentialSyncResultEvent(time.GetUtcNow(), "delta", true, status.Version, null, status.Count, status.Hash, status.Version)];
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
            if (chunk.Version < store.Status.Version)
                return [.. abandoned, .. Rejected("snapshot", chunk.Version, new CredentialSyncException($"the snapshot is version {chunk.Version}, older than the live list's {store.Status.Version}", requestSnapshot: false))];
            _building = store.BeginSnapshot(chunk.Version, chunk.Count, chunk.Hash);
            return [.. abandoned, .. Continue(chunk)];
        }

        if (_building is not { } building || building.Version != chunk.Version)
        {
            // A late redelivery of a snapshot that has already been applied: nothing to do.
            if (chunk.Version == store.Status.Version && _building is null)
                return [];
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
            building.Add(chunk.Credentials);
            building.NextChunk = chunk.Chunk + 1;
            if (building.NextChunk < chunk.Chunks)
                return [];
            var status = store.Install(building);
            _building = null;
            return [new CredentialSyncResultEvent(time.GetUtcNow(), "snapshot", true, status.Version, null, status.Count, status.Hash, status.Version)];
        }
        catch (CredentialSyncException e)
        {
            Abandon();
            return Rejected("snapshot", chunk.Version, e);
        }
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
    }

    public void Dispose() => Abandon();
}
