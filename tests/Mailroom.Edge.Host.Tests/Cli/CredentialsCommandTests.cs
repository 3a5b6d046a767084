using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary><c>mailroom-edge credentials import|export|status</c> as an installer runs them: a separate process on the
/// data directory's credentials.db.</summary>
public sealed class CredentialsCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Config()
    {
        var path = _folder.File("mailroom-edge.json");
        File.WriteAllText(path, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.File("data")}}", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
            """);
        return path;
    }

    private string Csv(string name, params string[] rows)
    {
        var path = _folder.File(name);
        File.WriteAllLines(path, [CredentialCsv.Header, .. rows]);
        return path;
    }

    private string Database => Path.Combine(_folder.File("data"), "credentials.db");

    [Fact]
    public async Task Import_then_status_then_export_round_trips_the_list()
    {
        var config = Config();
        var csv = Csv("cards.csv", "H10301,42,1001,\"Lovelace, Ada\",true,,,false", "H10301,42,1002,Grace Hopper,false,,2027-01-01T00:00:00Z,true");

        var import = await EdgeProcess.RunAsync("credentials", "import", csv, "--config", config);
        var status = await EdgeProcess.RunAsync("credentials", "status", "--config", config);
        var exported = _folder.File("out.csv");
        var export = await EdgeProcess.RunAsync("credentials", "export", exported, "--config", config);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("imported 2 credential(s)", import.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, status.ExitCode);
        using (var store = new SqliteCredentialStore(Database))
        {
            Assert.Contains($"hash: {store.Status.Hash}", status.Stdout, StringComparison.Ordinal);
            Assert.Equal("Lovelace, Ada", store.Find(new CardCredential("H10301", 42, 1001))!.Holder);
        }
        Assert.Contains("version: 0 (not from the server)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("count: 2", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, export.ExitCode);
        using var reader = File.OpenText(exported);
        var rows = CredentialCsv.Parse(reader);
        Assert.Equal([(1001UL, "Lovelace, Ada", true), (1002UL, "Grace Hopper", false)], rows.Select(r => (r.Number, r.Holder!, r.Enabled)));
        Assert.True(rows[1].Responder);
    }

    [Fact]
    public async Task A_file_with_bad_rows_lists_each_by_line_and_imports_nothing()
    {
        var config = Config();
        Assert.Equal(0, (await EdgeProcess.RunAsync("credentials", "import", Csv("good.csv", "H10301,42,1001,Ada,true,,,false"), "--config", config)).ExitCode);
        var bad = Csv("bad.csv", "H10301,42,2001,Ok,true,,,false", "H10301,42,x,Bad,true,,,false", "H10301,42,2003,Bad,maybe,,,false");

        var import = await EdgeProcess.RunAsync("credentials", "import", bad, "--config", config);

        Assert.Equal(1, import.ExitCode);
        Assert.Contains("line 3: number 'x' is not a whole number", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("line 4: enabled 'maybe' must be true or false", import.Stderr, StringComparison.Ordinal);
        using var store = new SqliteCredentialStore(Database);
        Assert.Equal(1, store.Status.Count);
        Assert.NotNull(store.Find(new CardCredential("H10301", 42, 1001)));
        Assert.Null(store.Find(new CardCredential("H10301", 42, 2001)));
    }

    [Fact]
    public async Task An_import_while_the_agent_holds_the_list_open_after_a_snapshot_switch_is_seen_by_the_agent()
    {
        var config = Config();
        Directory.CreateDirectory(_folder.File("data"));
        using var agent = new SqliteCredentialStore(Database);
        var synced = Enumerable.Range(0, 50).Select(i => CredentialSyncPayloads.Card(i, "synced")).ToList();
        using (var snapshot = agent.BeginSnapshot(4, synced.Count, CredentialSyncPayloads.Hash(synced, keyOrdered: true)))
        {
            snapshot.Add(synced);
            agent.Install(snapshot);
        }

        var import = await EdgeProcess.RunAsync("credentials", "import", Csv("cards.csv", "H10301,42,1001,Ada,true,,,false"), "--config", config);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Equal("Ada", agent.Find(new CardCredential("H10301", 42, 1001))?.Holder);
        Assert.Null(agent.Find(new CardCredential("H10301", 1, 0)));
    }

    [Fact]
    public async Task Status_of_a_configuration_that_does_not_load_exits_2()
    {
        var result = await EdgeProcess.RunAsync("credentials", "status", "--config", _folder.File("missing.json"));

        Assert.Equal(2, result.ExitCode);
    }

    public void Dispose() => _folder.Dispose();
}
