using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>What protects the live list from a sync that should not be applied: a snapshot that stalls, a sync nobody
/// signed for, and the flood of refusals a refused snapshot's remaining chunks would cause.</summary>
public sealed class CredentialSyncGuardTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly SqliteCredentialStore _store;
    private readonly CredentialSyncAuthorisations _authorisations;

    public CredentialSyncGuardTests()
    {
        _store = new SqliteCredentialStore(_folder.File("credentials.db"), _time);
        _authorisations = new CredentialSyncAuthorisations(_time, Timeout);
    }

    private static List<EnrolledCredential> Cards(int count, string holder = "holder") => CredentialSyncPayloads.Cards(count, holder);

    private static List<DomainEvent> Send(CredentialSync sync, IEnumerable<byte[]> payloads) => payloads.SelectMany(p => sync.Handle(p)).ToList();

    private CredentialSyncAuthorisation AuthoriseSnapshot(long version, IReadOnlyList<EnrolledCredential> cards)
    {
        var authorisation = new CredentialSyncAuthorisation(CredentialSyncAuthorisation.SnapshotKind, null, version, cards.Count, CredentialSyncPayloads.Hash(cards));
        _authorisations.Record(authorisation);
        return authorisation;
    }

    [Fact]
    public void A_snapshot_whose_chunks_stop_is_abandoned_after_the_timeout_its_file_removed_and_a_snapshot_requested()
    {
        using var sync = new CredentialSync(_store, _time, snapshotTimeout: Timeout);
        var chunks = CredentialSyncPayloads.Snapshot(4, Cards(10), chunkSize: 2);
        Assert.Empty(Send(sync, chunks.Take(2)));
        Assert.True(File.Exists(_store.FilePath + ".next"));

        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.Empty(sync.AbandonIfStalled());
        Assert.Equal(TimeSpan.FromSeconds(1), sync.UntilStalled);
        _time.Advance(TimeSpan.FromSeconds(1));
        var events = sync.AbandonIfStalled();

        var result = Assert.Single(events.OfType<CredentialSyncResultEvent>());
        Assert.False(result.Applied);
        Assert.Equal(("snapshot", 4L), (result.Kind, result.Version));
        Assert.Contains("chunk 2 was expected next", result.Reason, StringComparison.Ordinal);
        Assert.Single(events.OfType<CredentialSnapshotRequestedEvent>());
        Assert.False(File.Exists(_store.FilePath + ".next"));
        Assert.Null(sync.UntilStalled);
        // The late rest of the abandoned snapshot is dropped quietly; the live list never changed.
        Assert.Empty(Send(sync, chunks.Skip(2)));
        Assert.Equal(0, _store.Status.Version);
    }

    [Fact]
    public void Each_chunk_restarts_the_stall_timeout()
    {
        using var sync = new CredentialSync(_store, _time, snapshotTimeout: Timeout);
        var chunks = CredentialSyncPayloads.Snapshot(4, Cards(10), chunkSize: 2);
        var events = new List<DomainEvent>();
        foreach (var chunk in chunks)
        {
            _time.Advance(Timeout - TimeSpan.FromSeconds(1));
            events.AddRange(sync.AbandonIfStalled());
            events.AddRange(sync.Handle(chunk));
        }

        Assert.True(Assert.Single(events.OfType<CredentialSyncResultEvent>()).Applied);
        Assert.Equal(4, _store.Status.Version);
    }

    [Fact]
    public void A_signed_authorisation_naming_the_snapshot_lets_it_apply_once()
    {
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var cards = Cards(6);
        AuthoriseSnapshot(3, cards);

        var result = Assert.Single(Send(sync, CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 4)).OfType<CredentialSyncResultEvent>());

        Assert.True(result.Applied, result.Reason);
        Assert.Equal((3L, 6L), (_store.Status.Version, _store.Status.Count));
        // Used up: the same data again changes nothing (a late redelivery of the live list is dropped quietly)...
        Assert.Empty(Send(sync, CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 4)));
        // ...and a newer list sent under the old signature is refused.
        var replay = Assert.Single(Send(sync, CredentialSyncPayloads.Snapshot(4, cards, chunkSize: 4)).OfType<CredentialSyncResultEvent>());
        Assert.False(replay.Applied);
        Assert.Equal(3, _store.Status.Version);
    }

    [Fact]
    public void An_unauthorised_snapshot_is_refused_once_and_nothing_is_built()
    {
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var cards = Cards(10);

        var events = Send(sync, CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 2));

        var result = Assert.Single(events.OfType<CredentialSyncResultEvent>());
        Assert.False(result.Applied);
        Assert.StartsWith("not authorised: no signed credentials command", result.Reason, StringComparison.Ordinal);
        Assert.Contains(CredentialSyncPayloads.Hash(cards), result.Reason, StringComparison.Ordinal);
        Assert.Empty(events.OfType<CredentialSnapshotRequestedEvent>());
        Assert.False(File.Exists(_store.FilePath + ".next"));
        Assert.Equal((0L, 0L), (_store.Status.Version, _store.Status.Count));
    }

    [Fact]
    public void An_authorisation_for_another_hash_count_or_version_authorises_nothing()
    {
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var cards = Cards(6);
        var forged = Cards(6, "forged");
        AuthoriseSnapshot(3, cards);
        _authorisations.Record(new CredentialSyncAuthorisation(CredentialSyncAuthorisation.SnapshotKind, null, 3, 7, CredentialSyncPayloads.Hash(forged)));
        _authorisations.Record(new CredentialSyncAuthorisation(CredentialSyncAuthorisation.SnapshotKind, null, 4, 6, CredentialSyncPayloads.Hash(forged)));

        var result = Assert.Single(Send(sync, CredentialSyncPayloads.Snapshot(3, forged, chunkSize: 4)).OfType<CredentialSyncResultEvent>());

        Assert.False(result.Applied);
        Assert.Equal(0, _store.Status.Version);
    }

    [Fact]
    public void Chunks_claiming_the_authorised_header_but_holding_other_credentials_fail_the_content_hash()
    {
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var cards = Cards(6);
        AuthoriseSnapshot(3, cards);
        var forged = cards.Select(c => c with { Holder = "forged" }).ToList();

        var result = Assert.Single(Send(sync, CredentialSyncPayloads.Snapshot(3, forged, chunkSize: 4, hash: CredentialSyncPayloads.Hash(cards))).OfType<CredentialSyncResultEvent>());

        Assert.False(result.Applied);
        Assert.Contains("hash", result.Reason, StringComparison.Ordinal);
        Assert.Null(_store.Find(new CardCredential("H10301", 1, 0)));
    }

    [Fact]
    public void An_authorisation_lapses_after_its_lifetime()
    {
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var cards = Cards(4);
        AuthoriseSnapshot(3, cards);
        _time.Advance(Timeout + TimeSpan.FromSeconds(1));

        var result = Assert.Single(Send(sync, CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 4)).OfType<CredentialSyncResultEvent>());

        Assert.False(result.Applied);
    }

    [Fact]
    public void A_delta_needs_an_authorisation_naming_its_start_version_count_and_hash()
    {
        var cards = Cards(4);
        using (var unsigned = new CredentialSync(_store, _time))
            Send(unsigned, CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 4));
        using var sync = new CredentialSync(_store, _time, _authorisations, Timeout);
        var added = CredentialSyncPayloads.Card(40);
        var resulting = cards.Append(added).ToList();
        var delta = CredentialSyncPayloads.Delta(1, 2, resulting, [added], []);

        var refused = Assert.Single(sync.Handle(delta).OfType<CredentialSyncResultEvent>());
        _authorisations.Record(new CredentialSyncAuthorisation(CredentialSyncAuthorisation.DeltaKind, 1, 2, 5, CredentialSyncPayloads.Hash(resulting)));
        var applied = Assert.Single(sync.Handle(delta).OfType<CredentialSyncResultEvent>());

        Assert.False(refused.Applied);
        Assert.StartsWith("not authorised", refused.Reason, StringComparison.Ordinal);
        Assert.True(applied.Applied, applied.Reason);
        Assert.Equal((2L, 5L), (_store.Status.Version, _store.Status.Count));
    }

    [Fact]
    public void A_snapshot_refused_for_a_missing_chunk_reports_once_not_once_per_later_chunk()
    {
        using var sync = new CredentialSync(_store, _time);
        var chunks = CredentialSyncPayloads.Snapshot(2, Cards(20), chunkSize: 2);

        var events = Send(sync, chunks.Where((_, i) => i != 3));

        Assert.Single(events.OfType<CredentialSyncResultEvent>());
        Assert.Single(events.OfType<CredentialSnapshotRequestedEvent>());
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
