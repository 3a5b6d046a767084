using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

public sealed class CredentialRuleColumnsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void Groups_pin_hashes_and_flags_round_trip()
    {
        using var store = new SqliteCredentialStore(_folder.File("credentials.db"));
        var pin = PinHash.Hash("1234", 1000);
        store.ReplaceAll([new EnrolledCredential("H10301", 42, 1, "Ada", true, null, null)
        {
            Groups = ["staff", "night"], PinHash = pin, DuressPinHash = pin, Responder = true, ExtendedGrant = true, LockdownKey = true,
        }]);

        var ada = store.Find(new CardCredential("H10301", 42, 1))!;

        Assert.Equal(["staff", "night"], ada.Groups);
        Assert.Equal(pin, ada.PinHash);
        Assert.Equal((true, true, true), (ada.Responder, ada.ExtendedGrant, ada.LockdownKey));
    }

    [Fact]
    public void A_file_from_before_the_rule_columns_is_upgraded_in_place()
    {
        var path = _folder.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE credentials (format TEXT NOT NULL, facility INTEGER NOT NULL, number INTEGER NOT NULL, holder TEXT,
                    enabled INTEGER NOT NULL DEFAULT 1, valid_from TEXT, valid_until TEXT, PRIMARY KEY (format, facility, number)) WITHOUT ROWID;
                INSERT INTO credentials VALUES ('H10301', 42, 7, 'Old', 1, NULL, NULL);
                """;
            create.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        using var store = new SqliteCredentialStore(path);
        var old7 = store.Find(new CardCredential("H10301", 42, 7))!;

        Assert.Equal("Old", old7.Holder);
        Assert.Empty(old7.Groups);
        Assert.False(old7.Responder);
    }

    [Fact]
    public void The_rules_csv_reads_groups_hashes_and_flags_and_refuses_clear_pins()
    {
        var pin = PinHash.Hash("1234", 1000);
        var good = $"{CredentialCsv.RulesHeader}\nH10301,42,1,Ada,true,,,true,staff;night,{pin},,true,false\n";

        var ada = CredentialCsv.Parse(new StringReader(good)).Single();

        Assert.Equal(["staff", "night"], ada.Groups);
        Assert.Equal(pin, ada.PinHash);
        Assert.True(ada.Responder && ada.ExtendedGrant && !ada.LockdownKey);
        var clear = $"{CredentialCsv.RulesHeader}\nH10301,42,1,Ada,true,,,false,staff,1234,,,\n";
        var error = Assert.Throws<CredentialImportException>(() => CredentialCsv.Parse(new StringReader(clear)));
        Assert.Contains("never a PIN", error.Errors[0], StringComparison.Ordinal);
        var tabbed = $"{CredentialCsv.RulesHeader}\nH10301,42,1,Ada,true,,,false,staff,,{pin}\tx,,\n";
        Assert.Equal(["line 2: duress_pin_hash contains a control character (such as a tab)"], Assert.Throws<CredentialImportException>(() => CredentialCsv.Parse(new StringReader(tabbed))).Errors);
    }

    public void Dispose() => _folder.Dispose();
}
