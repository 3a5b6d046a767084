using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>The SQLite store as the PIN directory: lookup by keyed index, PBKDF2 verification, the v2 → v3 migration,
/// and the index columns in the CSV and sync messages.</summary>
public sealed class PinDirectoryTests : IDisposable
{
    private static readonly PinIndexKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly TempDirectory _folder = new();

    private static EnrolledCredential WithPin(ulong number, string holder, string pin, string? duress = null) =>
        new("H10301", 42, number, holder, true, null, null)
        {
            PinHash = PinHash.Hash(pin, 1000), PinIndex = Key.Index(pin),
            DuressPinHash = duress is null ? null : PinHash.Hash(duress, 1000), DuressPinIndex = duress is null ? null : Key.Index(duress),
        };

    [Fact]
    public void A_pin_finds_its_one_credential_a_duress_pin_says_so_and_a_wrong_or_shared_pin_does_not_pass_as_one()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"), pinIndexKey: Key);
        store.ReplaceAll([WithPin(1, "Ada", "1234", "9999"), WithPin(2, "Bob", "2468"), WithPin(3, "Cy", "2468"), new("H10301", 42, 4, "No PIN", true, null, null)]);

        Assert.Equal([("Ada", false)], store.FindByPin("1234").Select(m => (m.Credential.Holder!, m.Duress)));
        Assert.Equal([("Ada", true)], store.FindByPin("9999").Select(m => (m.Credential.Holder!, m.Duress)));
        Assert.Empty(store.FindByPin("0000"));
        Assert.Equal(["Bob", "Cy"], store.FindByPin("2468").Select(m => m.Credential.Holder!).Order());
    }

    [Fact]
    public void An_index_whose_hash_does_not_verify_is_no_match()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"), pinIndexKey: Key);
        store.ReplaceAll([WithPin(1, "Ada", "1234") with { PinIndex = Key.Index("5555") }]);

        Assert.Empty(store.FindByPin("5555"));
    }

    [Fact]
    public void Without_a_key_the_store_refuses_to_look_pins_up()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"));

        Assert.Throws<InvalidOperationException>(() => store.FindByPin("1234"));
    }

    [Fact]
    public void A_version_2_file_gains_the_index_columns_and_its_hash_follows_the_new_line()
    {
        var path = _folder.File("v2.db");
        using (var v2 = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            v2.Open();
            using var create = v2.CreateCommand();
            create.CommandText = """
                CREATE TABLE credentials (format TEXT NOT NULL, facility INTEGER NOT NULL, number INTEGER NOT NULL, holder TEXT,
                    enabled INTEGER NOT NULL DEFAULT 1, valid_from TEXT, valid_until TEXT, responder INTEGER NOT NULL DEFAULT 0,
                    access_groups TEXT, pin_hash TEXT, duress_pin_hash TEXT, extended_grant INTEGER NOT NULL DEFAULT 0,
                    lockdown_key INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (format, facility, number)) WITHOUT ROWID;
                CREATE TABLE credential_list (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, count INTEGER NOT NULL, hash TEXT NOT NULL, updated_at TEXT);
                INSERT INTO credentials (format, facility, number, holder) VALUES ('H10301', 42, 7, 'Old');
                INSERT INTO credential_list VALUES (1, 5, 1, 'old-definition', NULL);
                PRAGMA user_version = 2;
                """;
            create.ExecuteNonQuery();
        }

        using var store = new SqliteCredentialStore(path, pinIndexKey: Key);
        var old = new EnrolledCredential("H10301", 42, 7, "Old", true, null, null);
        Assert.Equal((5L, CredentialSyncPayloads.Hash([old])), (store.Status.Version, store.Status.Hash));
        var added = WithPin(8, "New", "1234");
        store.ApplyDelta(new CredentialDelta(5, 6, 2, CredentialSyncPayloads.Hash([old, added]), [added], []));

        Assert.Equal(6, store.Status.Version);
        Assert.Equal("New", store.FindByPin("1234").Single().Credential.Holder);
    }

    [Fact]
    public void The_full_csv_carries_the_indexes_and_refuses_an_index_that_is_a_pin_or_has_no_hash()
    {
        var ada = WithPin(1, "Ada", "1234", "9999");
        var written = new StringWriter();
        CredentialCsv.Write(written, [ada]);

        var read = CredentialCsv.Parse(new StringReader(written.ToString())).Single();

        Assert.StartsWith(CredentialCsv.FullHeader, written.ToString(), StringComparison.Ordinal);
        Assert.Equal((ada.PinIndex, ada.DuressPinIndex), (read.PinIndex, read.DuressPinIndex));
        var pinAsIndex = $"{CredentialCsv.FullHeader}\nH10301,42,1,Ada,true,,,false,,{ada.PinHash},,false,false,1234,\n";
        Assert.Contains("pin_index must be 64 hex digits", Assert.Throws<CredentialImportException>(() => CredentialCsv.Parse(new StringReader(pinAsIndex))).Message, StringComparison.Ordinal);
        var noHash = $"{CredentialCsv.FullHeader}\nH10301,42,1,Ada,true,,,false,,,,false,false,{ada.PinIndex},\n";
        Assert.Contains("its PIN hash is not", Assert.Throws<CredentialImportException>(() => CredentialCsv.Parse(new StringReader(noHash))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sync_messages_carry_the_indexes_in_lower_case_and_refuse_a_bad_one()
    {
        var ada = WithPin(1, "Ada", "1234");
        var upper = ada with { PinIndex = ada.PinIndex!.ToUpperInvariant() };
        var payload = CredentialSyncPayloads.Snapshot(1, [upper], chunkSize: 10).Single();

        using var chunk = (CredentialSnapshotChunk)CredentialSyncMessages.Parse(payload);

        Assert.Equal(ada.PinIndex, chunk.Credentials.Single().PinIndex);
        var bad = CredentialSyncPayloads.Snapshot(1, [ada with { PinIndex = "1234" }], chunkSize: 10).Single();
        using var badChunk = (CredentialSnapshotChunk)CredentialSyncMessages.Parse(bad);
        Assert.Contains("pin_index must be 64 hex digits", Assert.Throws<CredentialSyncException>(() => badChunk.Credentials.ToList()).Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
