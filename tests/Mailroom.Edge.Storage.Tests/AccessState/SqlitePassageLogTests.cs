using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.AccessState;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.AccessState;

public sealed class SqlitePassageLogTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void Passages_written_behind_are_there_after_a_restart_latest_per_credential()
    {
        var path = _folder.File("access-state.db");
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        using (var log = new SqlitePassageLog(path))
        {
            Assert.Empty(log.Load());
            log.Record(new Passage("H10301:42:1", ReaderDirection.Entry, at));
            log.Record(new Passage("H10301:42:2", ReaderDirection.Entry, null));
            log.Record(new Passage("H10301:42:1", ReaderDirection.Exit, at.AddMinutes(1)));
        }

        using var restarted = new SqlitePassageLog(path);
        var loaded = restarted.Load().OrderBy(p => p.Credential, StringComparer.Ordinal).ToList();

        Assert.Equal([new Passage("H10301:42:1", ReaderDirection.Exit, at.AddMinutes(1)), new Passage("H10301:42:2", ReaderDirection.Entry, null)], loaded);
        Assert.Null(restarted.LastError);
    }

    public void Dispose() => _folder.Dispose();
}
