using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.AccessState;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.AccessState;

public sealed class SqliteAccessStateTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void Passages_written_behind_are_there_after_a_restart_latest_per_credential()
    {
        var path = _folder.File("access-state.db");
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        using (var log = new SqliteAccessState(path))
        {
            Assert.Empty(log.Load());
            log.Record(new Passage("H10301:42:1", ReaderDirection.Entry, at));
            log.Record(new Passage("H10301:42:2", ReaderDirection.Entry, null));
            log.Record(new Passage("H10301:42:1", ReaderDirection.Exit, at.AddMinutes(1)));
        }

        using var restarted = new SqliteAccessState(path);
        var loaded = restarted.Load().OrderBy(p => p.Credential, StringComparer.Ordinal).ToList();

        Assert.Equal([new Passage("H10301:42:1", ReaderDirection.Exit, at.AddMinutes(1)), new Passage("H10301:42:2", ReaderDirection.Entry, null)], loaded);
        Assert.Null(restarted.LastError);
    }

    [Fact]
    public void Use_counts_written_behind_are_there_after_a_restart_beside_the_passages()
    {
        var path = _folder.File("access-state.db");
        using (var state = new SqliteAccessState(path))
        {
            Assert.Empty(state.LoadUses());
            state.Record(new CredentialUse("H10301:42:12", 1));
            state.Record(new Passage("H10301:42:12", ReaderDirection.Entry, null));
            state.Record(new CredentialUse("H10301:42:13", 1));
            state.Record(new CredentialUse("H10301:42:13", 2));
        }

        using var restarted = new SqliteAccessState(path);

        Assert.Equal([new CredentialUse("H10301:42:12", 1), new CredentialUse("H10301:42:13", 2)], restarted.LoadUses().OrderBy(u => u.Credential, StringComparer.Ordinal));
        Assert.Single(restarted.Load());
    }

    [Fact]
    public void A_file_from_before_use_counts_gains_the_table_and_keeps_its_passages()
    {
        var path = _folder.File("access-state.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE passages (credential TEXT PRIMARY KEY, direction TEXT NOT NULL, at TEXT) WITHOUT ROWID;
                INSERT INTO passages VALUES ('H10301:42:1', 'Entry', NULL);
                """;
            create.ExecuteNonQuery();
        }

        using var state = new SqliteAccessState(path);

        Assert.Single(state.Load());
        Assert.Empty(state.LoadUses());
    }

    public void Dispose() => _folder.Dispose();
}
