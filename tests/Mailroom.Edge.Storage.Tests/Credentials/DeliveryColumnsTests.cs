using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>The delivery-access columns (category, max_uses, schedule) in the store: the v3 → v4 migration and what a
/// sync row may carry.</summary>
public sealed class DeliveryColumnsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void A_version_3_file_gains_the_delivery_columns_and_its_hash_follows_the_new_line()
    {
        var path = _folder.File("v3.db");
        using (var v3 = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            v3.Open();
            using var create = v3.CreateCommand();
            create.CommandText = """
                CREATE TABLE credentials (format TEXT NOT NULL, facility INTEGER NOT NULL, number INTEGER NOT NULL, holder TEXT,
                    enabled INTEGER NOT NULL DEFAULT 1, valid_from TEXT, valid_until TEXT, responder INTEGER NOT NULL DEFAULT 0,
                    access_groups TEXT, pin_hash TEXT, duress_pin_hash TEXT, extended_grant INTEGER NOT NULL DEFAULT 0,
                    lockdown_key INTEGER NOT NULL DEFAULT 0, pin_index TEXT, duress_pin_index TEXT, PRIMARY KEY (format, facility, number)) WITHOUT ROWID;
                CREATE TABLE credential_list (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, count INTEGER NOT NULL, hash TEXT NOT NULL, updated_at TEXT);
                INSERT INTO credentials (format, facility, number, holder) VALUES ('H10301', 42, 7, 'Old');
                INSERT INTO credential_list VALUES (1, 9, 1, 'v3-definition', NULL);
                PRAGMA user_version = 3;
                """;
            create.ExecuteNonQuery();
        }

        using var store = new SqliteCredentialStore(path);
        var old = new EnrolledCredential("H10301", 42, 7, "Old", true, null, null);

        Assert.Equal((9L, CredentialSyncPayloads.Hash([old])), (store.Status.Version, store.Status.Hash));
        var courier = new EnrolledCredential("H10301", 42, 8, "Courier", true, null, null) { Category = "delivery", MaxUses = 1, Schedule = "delivery-window" };
        store.ApplyDelta(new CredentialDelta(9, 10, 2, CredentialSyncPayloads.Hash([old, courier]), [courier], []));
        Assert.Equal(courier, store.Find(new("H10301", 42, 8)));
        Assert.Null(store.Find(new("H10301", 42, 7))!.MaxUses);
    }

    [Theory]
    [InlineData("\"category\":\"Delivery\"", "category may hold only lower-case letters")]
    [InlineData("\"max_uses\":0", "max_uses is not a whole number 1..")]
    [InlineData("\"max_uses\":\"1\"", "max_uses is not a whole number 1..")]
    [InlineData("\"schedule\":\"a\\tb\"", "schedule is longer than")]
    public void A_sync_row_with_a_bad_delivery_field_is_refused_by_name(string field, string reason)
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"));
        var delta = Encoding.UTF8.GetBytes($$"""{"type":"delta","from_version":0,"version":1,"count":1,"hash":"{{new string('0', 64)}}","upsert":[{"format":"H10301","facility":42,"number":1,{{field}}}]}""");

        var error = Assert.Throws<Mailroom.Edge.Storage.SyncProtocol.CredentialSyncException>(() => Mailroom.Edge.Storage.SyncProtocol.CredentialSyncMessages.Parse(delta));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
