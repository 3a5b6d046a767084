using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

public sealed class SqliteCredentialStoreTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void A_switched_list_lives_in_a_generation_file_of_its_own_and_the_one_before_is_deleted()
    {
        var path = _folder.File("credentials.db");
        using var store = new SqliteCredentialStore(path);
        store.ReplaceAll([new EnrolledCredential("H10301", 1, 1, "seed", true, null, null)]);

        Install(store, 1, "first");
        var first = new FileInfo(path).LinkTarget;
        Install(store, 2, "second");
        var second = new FileInfo(path).LinkTarget;

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        // Only the live generation is left (with its WAL files); the seed file's name is the link now.
        Assert.Equal([second], Directory.EnumerateFiles(_folder.Path, "credentials.db.gen*").Select(Path.GetFileName).Where(f => !f!.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)));
        Assert.Equal("second", store.Find(new CardCredential("H10301", 1, 1))!.Holder);
        // Another process opening the name sees the live list, and writes to it land in it.
        using (var other = new SqliteCredentialStore(path))
        {
            Assert.Equal(2, other.Status.Version);
            other.ReplaceAll([new EnrolledCredential("H10301", 1, 1, "imported", true, null, null)]);
        }
        Assert.Equal("imported", store.Find(new CardCredential("H10301", 1, 1))!.Holder);
    }

    [Fact]
    public void Generations_left_by_a_crash_are_deleted_when_the_list_is_opened_and_the_live_one_kept()
    {
        var path = _folder.File("credentials.db");
        using (var store = new SqliteCredentialStore(path))
            Install(store, 1, "live");
        var stale = _folder.File("credentials.db.gen99");
        File.Copy(_folder.File(new FileInfo(path).LinkTarget!), stale);
        File.WriteAllText(stale + "-wal", "");

        using var reopened = new SqliteCredentialStore(path);

        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(stale + "-wal"));
        Assert.Equal("live", reopened.Find(new CardCredential("H10301", 1, 1))!.Holder);
    }

    private static void Install(SqliteCredentialStore store, long version, string holder)
    {
        EnrolledCredential[] cards = [new("H10301", 1, 1, holder, true, null, null)];
        using var snapshot = store.BeginSnapshot(version, 1, CredentialSyncPayloads.Hash(cards));
        snapshot.Add(cards);
        store.Install(snapshot);
    }

    [Fact]
    public void Cards_are_found_by_format_facility_and_number_only()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"));
        var until = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        store.ReplaceAll(
        [
            new EnrolledCredential("H10301", 42, 1001, "Ada", true, null, until),
            new EnrolledCredential("H10302", null, 1001, "Bob", false, null, null),
        ]);

        var ada = store.Find(new CardCredential("H10301", 42, 1001));
        Assert.Equal(("Ada", true, (DateTimeOffset?)until), (ada!.Holder, ada.Enabled, ada.ValidUntil));
        Assert.Equal("Bob", store.Find(new CardCredential("H10302", null, 1001))!.Holder);
        Assert.Null(store.Find(new CardCredential("H10301", 43, 1001)));
        Assert.Null(store.Find(new CardCredential("H10301", null, 1001)));
        Assert.Null(store.Find(new CardCredential("H10304", 42, 1001)));
    }

    [Fact]
    public void Replace_all_replaces_the_list_and_survives_reopening()
    {
        var path = _folder.File("credentials.db");
        using (var store = new SqliteCredentialStore(path))
        {
            store.ReplaceAll([new EnrolledCredential("H10301", 1, 1, null, true, null, null)]);
            store.ReplaceAll([new EnrolledCredential("H10301", 2, 2, null, true, null, null)]);
        }
        using var reopened = new SqliteCredentialStore(path);

        Assert.Equal(1, reopened.Count());
        Assert.Null(reopened.Find(new CardCredential("H10301", 1, 1)));
        Assert.NotNull(reopened.Find(new CardCredential("H10301", 2, 2)));
    }

    [Fact]
    public void Sixty_four_bit_card_numbers_round_trip()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"));
        store.ReplaceAll([new EnrolledCredential("RAW64", null, ulong.MaxValue, "max", true, null, null)]);

        Assert.Equal("max", store.Find(new CardCredential("RAW64", null, ulong.MaxValue))!.Holder);
    }

    public void Dispose() => _folder.Dispose();
}
