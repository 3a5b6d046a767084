using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

public sealed class CredentialSyncTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly SqliteCredentialStore _store;
    private readonly CredentialSync _sync;

    public CredentialSyncTests()
    {
        _store = new SqliteCredentialStore(_folder.File("credentials.db"), _time);
        _sync = new CredentialSync(_store, _time);
    }

    private static List<EnrolledCredential> Cards(int count, string holder = "holder") => CredentialSyncPayloads.Cards(count, holder);

    private List<DomainEvent> Send(IEnumerable<byte[]> payloads) => payloads.SelectMany(p => _sync.Handle(p)).ToList();

    private static CredentialSyncResultEvent Result(List<DomainEvent> events) => Assert.Single(events.OfType<CredentialSyncResultEvent>());

    [Fact]
    public void A_new_store_is_version_0_with_the_hash_of_the_empty_list()
    {
        Assert.Equal(new CredentialListStatus(0, 0, CredentialHash.Empty, null), _store.Status);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", CredentialHash.Empty);
    }

    [Fact]
    public void A_full_snapshot_in_chunks_is_applied_with_its_version_count_and_the_documented_hash()
    {
        var cards = Cards(1000);
        cards[3] = cards[3] with { Facility = null, Format = "RAW64", Number = ulong.MaxValue, Responder = true, ValidUntil = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        var result = Result(Send(CredentialSyncPayloads.Snapshot(7, cards, chunkSize: 64)));

        Assert.True(result.Applied, result.Reason);
        Assert.Equal((7L, 1000L, CredentialSyncPayloads.Hash(cards)), (_store.Status.Version, _store.Status.Count, _store.Status.Hash));
        Assert.Equal(_time.GetUtcNow(), _store.Status.UpdatedAt);
        Assert.True(_store.Find(new CardCredential("RAW64", null, ulong.MaxValue))!.Responder);
        Assert.Equal("holder 999", _store.Find(new CardCredential("H10301", 1, 999))!.Holder);
        Assert.False(File.Exists(_store.FilePath + ".next"));
    }

    [Fact]
    public void A_snapshot_in_key_order_is_hashed_as_it_is_stored_with_every_column_as_documented()
    {
        // Every column set, and the key's edges: no facility (stored -1, first), a number above 2^63 (stored negative),
        // a non-ASCII format (UTF-8 byte order). In key order, so the builder's running hash is the one compared.
        var pin = PinHash.Hash("1234", iterations: 1000);
        var full = new EnrolledCredential("H10301", 5, 42, "Zoë", false, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero))
        {
            Groups = ["mail", "night shift"], PinHash = pin, DuressPinHash = pin, Responder = true, ExtendedGrant = true, LockdownKey = true,
            PinIndex = new string('a', 64), DuressPinIndex = new string('b', 64),
            Category = "delivery", MaxUses = 3, Schedule = "delivery-window",
        };
        List<EnrolledCredential> cards =
        [
            full with { Facility = null, Number = 7 },
            full with { Number = 9_300_000_000_000_000_000 },
            full,
            full with { Format = "RAW64", Facility = null, Number = ulong.MaxValue },
            full with { Format = "Ünïcode", Number = 1 },
        ];

        var result = Result(Send(CredentialSyncPayloads.Snapshot(3, cards, chunkSize: 2, keyOrdered: true)));

        Assert.True(result.Applied, result.Reason);
        Assert.Equal(CredentialSyncPayloads.Hash(cards), _store.Status.Hash);
        // The same hash from the table scan (a delta that changes nothing recomputes it).
        Assert.True(Result(Send([CredentialSyncPayloads.Delta(3, 3, cards, [], [])])).Applied);
        Assert.Equal(full, _store.Find(new CardCredential("H10301", 5, 42))! with { Groups = full.Groups });
        Assert.Equal(["mail", "night shift"], _store.Find(new CardCredential("H10301", 5, 42))!.Groups);
    }

    [Fact]
    public void A_snapshot_out_of_key_order_is_hashed_from_the_table_and_a_wrong_hash_still_refused()
    {
        var cards = Cards(20);
        cards.Reverse();

        Assert.True(Result(Send(CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 6))).Applied);
        var wrong = Result(Send(CredentialSyncPayloads.Snapshot(2, cards, chunkSize: 6, hash: CredentialSyncPayloads.Hash(Cards(20, "other")))));
        Assert.False(wrong.Applied);
        Assert.Contains("hash", wrong.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_applied_list_survives_reopening()
    {
        Send(CredentialSyncPayloads.Snapshot(3, Cards(10), chunkSize: 4));
        _store.Dispose();

        using var reopened = new SqliteCredentialStore(_store.FilePath, _time);

        Assert.Equal((3L, 10L), (reopened.Status.Version, reopened.Status.Count));
        Assert.NotNull(reopened.Find(new CardCredential("H10301", 1, 9)));
    }

    [Fact]
    public void A_delta_from_the_live_version_adds_changes_and_removes()
    {
        var cards = Cards(20);
        Send(CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 8));
        var changed = cards[5] with { Enabled = false };
        var added = CredentialSyncPayloads.Card(100);
        var resulting = cards.Where(c => c.Number != 7).Select(c => c.Number == 5 ? changed : c).Append(added).ToList();

        var result = Result(Send([CredentialSyncPayloads.Delta(1, 2, resulting, [changed, added], [cards[7]])]));

        Assert.True(result.Applied, result.Reason);
        Assert.Equal((2L, 20L, CredentialSyncPayloads.Hash(resulting)), (_store.Status.Version, _store.Status.Count, _store.Status.Hash));
        Assert.False(_store.Find(new CardCredential("H10301", 1, 5))!.Enabled);
        Assert.Null(_store.Find(new CardCredential("H10301", 1, 7)));
        Assert.NotNull(_store.Find(new CardCredential("H10301", 1, 100)));
    }

    [Fact]
    public void A_delta_that_does_not_start_at_the_live_version_is_refused_and_a_snapshot_requested()
    {
        var cards = Cards(5);
        Send(CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 8));
        var resulting = cards.Append(CredentialSyncPayloads.Card(50)).ToList();

        var events = Send([CredentialSyncPayloads.Delta(2, 3, resulting, [CredentialSyncPayloads.Card(50)], [])]);

        var result = Result(events);
        Assert.False(result.Applied);
        Assert.Contains("starts at version 2 but the live list is version 1", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(events.OfType<CredentialSnapshotRequestedEvent>()).ActiveVersion);
        Assert.Equal(1, _store.Status.Version);
        Assert.Null(_store.Find(new CardCredential("H10301", 1, 50)));
    }

    [Fact]
    public void A_delta_whose_result_does_not_match_its_hash_is_rolled_back()
    {
        var cards = Cards(5);
        Send(CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 8));
        var before = _store.Status;

        // The server claims the resulting list is the old one plus card 60, but upserts card 50.
        var events = Send([CredentialSyncPayloads.Delta(1, 2, [.. cards, CredentialSyncPayloads.Card(60)], [CredentialSyncPayloads.Card(50)], [])]);

        Assert.Contains("hash", Result(events).Reason, StringComparison.Ordinal);
        Assert.Single(events.OfType<CredentialSnapshotRequestedEvent>());
        Assert.Equal(before, _store.Status);
        Assert.Null(_store.Find(new CardCredential("H10301", 1, 50)));
    }

    [Fact]
    public void A_delta_with_no_changes_at_the_live_version_confirms_the_list_and_refreshes_its_age()
    {
        var cards = Cards(3);
        Send(CredentialSyncPayloads.Snapshot(4, cards, chunkSize: 8));
        _time.Advance(TimeSpan.FromHours(2));

        Assert.True(Result(Send([CredentialSyncPayloads.Delta(4, 4, cards, [], [])])).Applied);
        Assert.Equal((4L, _time.GetUtcNow()), (_store.Status.Version, _store.Status.UpdatedAt!.Value));
    }

    [Fact]
    public void A_snapshot_with_a_wrong_hash_is_refused_and_the_old_list_stays()
    {
        Send(CredentialSyncPayloads.Snapshot(1, Cards(5), chunkSize: 8));
        var before = _store.Status;

        var events = Send(CredentialSyncPayloads.Snapshot(2, Cards(5, "other"), chunkSize: 2, hash: CredentialSyncPayloads.Hash(Cards(5))));

        Assert.Contains("hash", Result(events).Reason, StringComparison.Ordinal);
        Assert.Single(events.OfType<CredentialSnapshotRequestedEvent>());
        Assert.Equal(before, _store.Status);
        Assert.Equal("holder 1", _store.Find(new CardCredential("H10301", 1, 1))!.Holder);
        Assert.False(File.Exists(_store.FilePath + ".next"));
    }

    [Fact]
    public void A_snapshot_with_a_wrong_count_is_refused()
    {
        var result = Result(Send(CredentialSyncPayloads.Snapshot(1, Cards(5), chunkSize: 2, count: 6)));

        Assert.False(result.Applied);
        Assert.Contains("5 credentials, its header says 6", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _store.Status.Version);
    }

    [Fact]
    public void A_snapshot_with_a_missing_chunk_is_refused_as_soon_as_the_gap_shows()
    {
        var chunks = CredentialSyncPayloads.Snapshot(1, Cards(10), chunkSize: 2);

        var events = Send([chunks[0], chunks[1], chunks[3], chunks[4]]);

        var result = Assert.IsType<CredentialSyncResultEvent>(events.First(e => e is CredentialSyncResultEvent));
        Assert.Contains("chunk 2 is missing", result.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(events.OfType<CredentialSnapshotRequestedEvent>());
        Assert.Equal(0, _store.Status.Version);
        Assert.Equal(0, _store.Status.Count);
    }

    [Fact]
    public void A_duplicated_chunk_is_a_redelivery_and_is_ignored()
    {
        var cards = Cards(10);
        var chunks = CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 2);

        var result = Result(Send([chunks[0], chunks[1], chunks[1], chunks[0], chunks[2], chunks[3], chunks[4], chunks[4]]));

        Assert.True(result.Applied, result.Reason);
        Assert.Equal((10L, CredentialSyncPayloads.Hash(cards)), (_store.Status.Count, _store.Status.Hash));
    }

    [Fact]
    public void A_snapshot_listing_a_credential_twice_is_refused()
    {
        var cards = Cards(4);
        cards.Add(cards[1]);

        var result = Result(Send(CredentialSyncPayloads.Snapshot(1, cards, chunkSize: 2)));

        Assert.Contains("listed twice", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _store.Status.Version);
    }

    [Fact]
    public void Chunks_out_of_order_or_without_their_start_are_refused()
    {
        var chunks = CredentialSyncPayloads.Snapshot(1, Cards(6), chunkSize: 2);

        var result = Result(Send([chunks[1]]));

        Assert.Contains("without the start of its snapshot", result.Reason, StringComparison.Ordinal);
        Assert.True(Result(Send(chunks)).Applied);
    }

    [Fact]
    public void A_new_snapshot_abandons_one_in_progress_and_an_older_version_is_refused()
    {
        var old = CredentialSyncPayloads.Snapshot(5, Cards(6), chunkSize: 2);
        var events = Send([old[0], .. CredentialSyncPayloads.Snapshot(6, Cards(3), chunkSize: 2)]);

        var results = events.OfType<CredentialSyncResultEvent>().ToList();
        Assert.Equal([(5L, false), (6L, true)], results.Select(r => (r.Version, r.Applied)));
        Assert.Contains("older than the live list", Result(Send(CredentialSyncPayloads.Snapshot(5, Cards(6), chunkSize: 2).Take(1))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_reads_the_same_with_its_text_escaped_or_as_raw_UTF8_and_is_stored_as_it_is_hashed()
    {
        var pin = PinHash.Hash("1234", iterations: 1000);
        var longest = new string('é', 256); // 512 bytes of UTF-8: the limit counts characters
        var expected = new EnrolledCredential("Wïegand", 5, 42, longest, true, null, null) { Groups = ["mail", "night"], PinHash = pin, PinIndex = new string('a', 64) };
        var hash = CredentialSyncPayloads.Hash([expected]);
        string Row(string holder, bool escaped)
        {
            string Text(string text) => escaped ? string.Concat(text.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:x4}")) : text;
            return $$"""{"format":"{{Text("Wïegand")}}","facility":5,"number":42,"holder":"{{Text(holder)}}","access_groups":" mail ;; night ","pin_hash":"{{pin}}","pin_index":"{{new string('A', 64)}}"}""";
        }

        var version = 0;
        foreach (var escaped in new[] { false, true })
        {
            var applied = Result(Send([OneRowSnapshot(++version, Row(longest, escaped), hash)]));
            Assert.True(applied.Applied, applied.Reason);
            Assert.Equal(hash, _store.Status.Hash);
            var stored = _store.Find(new CardCredential("Wïegand", 5, 42))!;
            Assert.Equal(expected, stored with { Groups = expected.Groups });
            Assert.Equal(["mail", "night"], stored.Groups);

            var tooLong = Result(Send([OneRowSnapshot(++version, Row(longest + "é", escaped), hash)]));
            Assert.False(tooLong.Applied);
            Assert.Contains("credentials[0]: holder is longer than 256 characters", tooLong.Reason, StringComparison.Ordinal);
        }
    }

    private static byte[] OneRowSnapshot(long version, string row, string hash) => System.Text.Encoding.UTF8.GetBytes(
        $$"""{"type":"snapshot","version":{{version}},"chunk":0,"chunks":1,"count":1,"hash":"{{hash}}","credentials":[{{row}}]}""");

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"snapshot","version":1,"chunk":0,"chunks":1,"count":0,"hash":"abc","credentials":[]}""")]
    [InlineData("""{"type":"delta","from_version":1,"version":3,"count":0,"hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}""")]
    [InlineData("""{"type":"snapshot","version":1,"chunk":0,"chunks":1,"count":1,"hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","credentials":[{"format":"H10301","number":-1}]}""")]
    [InlineData("""{"type":"snapshot","version":1,"chunk":0,"chunks":1,"count":1,"hash":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","credentials":[{"format":"H10301","number":1,"holder":"a\tb"}]}""")]
    public void Malformed_messages_are_refused_with_the_reason(string payload)
    {
        var result = Result(Send([System.Text.Encoding.UTF8.GetBytes(payload)]));

        Assert.False(result.Applied);
        Assert.StartsWith("malformed sync message", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _store.Status.Version);
    }

    [Fact]
    public async Task A_lookup_during_a_switch_sees_the_old_list_or_the_new_one_never_a_mix()
    {
        // Old list: holders "old N" and no card 0; new list: holders "new N" and card 0. Every lookup tells which list
        // answered it; the sequence of answers must be old…old new…new.
        var old = Enumerable.Range(1, 2000).Select(i => CredentialSyncPayloads.Card(i, "old")).ToList();
        Send(CredentialSyncPayloads.Snapshot(1, old, chunkSize: 500));
        var next = Enumerable.Range(0, 2001).Select(i => CredentialSyncPayloads.Card(i, "new")).ToList();
        var answers = new List<bool>();
        var lookups = 0;
        var newSeen = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var random = new Random(3);
            while (!stop.IsCancellationRequested)
            {
                var fromNew = random.Next(2) == 0
                    ? _store.Find(new CardCredential("H10301", 1, 0)) is not null
                    : _store.Find(new CardCredential("H10301", 1, (ulong)random.Next(1, 2001)))!.Holder!.StartsWith("new ", StringComparison.Ordinal);
                answers.Add(fromNew);
                Interlocked.Increment(ref lookups);
                if (fromNew)
                    Volatile.Write(ref newSeen, 1);
            }
        });

        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref lookups) > 100, TimeSpan.FromSeconds(5)));
        var result = Result(Send(CredentialSyncPayloads.Snapshot(2, next, chunkSize: 500)));
        var switched = SpinWait.SpinUntil(() => Volatile.Read(ref newSeen) == 1, TimeSpan.FromSeconds(5));
        stop.Cancel();
        await reader;

        Assert.True(result.Applied, result.Reason);
        Assert.True(switched);
        var firstNew = answers.IndexOf(true);
        Assert.True(firstNew > 0);
        Assert.DoesNotContain(false, answers.Skip(firstNew));
    }

    public void Dispose()
    {
        _sync.Dispose();
        _store.Dispose();
        _folder.Dispose();
    }
}
