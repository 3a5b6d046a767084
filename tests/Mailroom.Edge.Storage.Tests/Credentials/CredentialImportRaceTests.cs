using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>
/// The installer's import (<c>mailroom-edge credentials import</c>, another process) and the agent's snapshot switch on
/// the same file. Two store instances stand for the two processes: their file lock is an flock on separate open file
/// descriptions, which exclude each other within one process as they do across processes.
/// </summary>
public sealed class CredentialImportRaceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static List<EnrolledCredential> Cards(int count, string holder = "holder") => CredentialSyncPayloads.Cards(count, holder);

    private static void Install(SqliteCredentialStore store, long version, IReadOnlyList<EnrolledCredential> cards)
    {
        using var snapshot = store.BeginSnapshot(version, cards.Count, CredentialSyncPayloads.Hash(cards, keyOrdered: true));
        snapshot.Add(cards);
        store.Install(snapshot);
    }

    [Fact]
    public void An_import_opened_before_a_snapshot_switch_and_written_after_it_lands_in_the_live_list()
    {
        var path = _folder.File("credentials.db");
        using var agent = new SqliteCredentialStore(path);
        Install(agent, 1, Cards(5, "first"));
        // The installer's process opens the file, then the agent switches a new snapshot in under it.
        using var installer = new SqliteCredentialStore(path);
        Install(agent, 2, Cards(3000, "second"));

        var imported = new EnrolledCredential("H10301", 77, 7777, "imported", true, null, null);
        var status = installer.ReplaceAll([imported]);

        // Without the switch count in the lock file the import wrote through a connection to the replaced file, into
        // the WAL the two files' connections then shared: success reported, the live file corrupted.
        Assert.Equal("imported", agent.Find(new CardCredential("H10301", 77, 7777))?.Holder);
        Assert.Null(agent.Find(new CardCredential("H10301", 1, 0)));
        Assert.Equal((0L, 1L), (status.Version, status.Count));
        installer.Dispose();
        agent.Dispose();
        using var reopened = new SqliteCredentialStore(path);
        Assert.Equal((0L, 1L, status.Hash), (reopened.Status.Version, reopened.Status.Count, reopened.Status.Hash));
        Assert.Equal([imported], reopened.ReadAll().ToList());
        Assert.Equal("ok", SqliteFile.IntegrityCheck(path));
    }

    [Fact]
    public void The_agent_starts_its_next_change_from_an_import_made_meanwhile()
    {
        var path = _folder.File("credentials.db");
        using var agent = new SqliteCredentialStore(path);
        Install(agent, 3, Cards(5, "synced"));
        using (var installer = new SqliteCredentialStore(path))
            installer.ReplaceAll(Cards(2, "imported"));

        // A delta from version 3 no longer applies: the live list is the import (version 0).
        var error = Assert.Throws<CredentialSyncException>(() => agent.ApplyDelta(new CredentialDelta(3, 4, 2, CredentialHash.Empty, [], [])));

        Assert.Contains("the live list is version 0", error.Message, StringComparison.Ordinal);
        Assert.Equal((0L, 2L), (agent.Status.Version, agent.Status.Count));
    }

    [Fact]
    public void The_agent_sees_an_import_by_another_process_when_it_refreshes_its_status()
    {
        var path = _folder.File("credentials.db");
        using var agent = new SqliteCredentialStore(path);
        Install(agent, 3, Cards(5, "synced"));
        using (var installer = new SqliteCredentialStore(path))
            installer.ReplaceAll(Cards(2, "imported"));
        Assert.Equal(3, agent.Status.Version);

        var status = agent.RefreshStatus();

        Assert.Equal((0L, 2L), (status.Version, status.Count));
        Assert.Equal(status, agent.Status);
    }

    public void Dispose() => _folder.Dispose();
}
