using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Outbox;

/// <summary>Issue 16, part 2: the agent's own WAL files must not fill a small data partition (SQLite's defaults let one
/// grow to about 4 MiB and keep that size after every checkpoint).</summary>
public sealed class OutboxWalBoundTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task The_outbox_wal_stays_near_its_size_limit_through_many_commits()
    {
        var path = _folder.File("outbox.db");
        using var outbox = new SqliteOutbox(path, new DeviceIdentity("hq", "edge-1"), _time, SqliteDurability.Normal);
        var note = new string('x', 1024);
        long largest = 0;
        for (var i = 0; i < 1500; i++)
        {
            await outbox.AppendAsync(new TestEvent(_time.GetUtcNow(), note));
            largest = Math.Max(largest, new FileInfo(path + "-wal").Length);
        }

        // A checkpoint every 256 pages and truncation to the limit: the WAL peaks a little above the limit (the frames
        // of the commit that crossed it), never at SQLite's default of about 4 MiB.
        Assert.True(largest <= SqliteConnections.WalLimitBytes * 5 / 4,
            $"the outbox WAL reached {largest} bytes; the limit is {SqliteConnections.WalLimitBytes}");
    }

    public void Dispose() => _folder.Dispose();
}
