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
