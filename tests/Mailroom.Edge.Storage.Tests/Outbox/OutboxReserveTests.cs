using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Outbox;

/// <summary>Issue 16, part 2: a disk filled while the outbox's WAL holds uncheckpointed pages must not stop the outbox for
/// good; a checkpoint needs room to copy those pages into the database, and the reserve gives it.</summary>
public sealed class OutboxReserveTests
{
    [Fact]
    public async Task An_outbox_whose_disk_fills_with_a_full_wal_writes_again_by_itself()
    {
        using var disk = new SmallTmpfs("8m");
        var time = new ManualTimeProvider();
        using var outbox = new SqliteOutbox(Path.Combine(disk.Path, "outbox.db"), new DeviceIdentity("hq", "edge-1"), time,
            new OutboxSettings { Durability = SqliteDurability.Normal, StorageRetryInterval = TimeSpan.FromMilliseconds(50) });
        var note = new string('x', 2048);
        // Fewer commits than the 256 pages that start an automatic checkpoint: the WAL keeps growing, so the next commit
        // needs new room on the disk.
        for (var i = 0; i < 40; i++)
            await outbox.AppendAsync(new TestEvent(time.GetUtcNow(), note));
        disk.Fill();

        var recovered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.StorageConditionChanged += (failing, _) =>
        {
            if (!failing)
                recovered.TrySetResult();
        };
        // Whatever slack the last pages of the files still had is used up first; then an append is held.
        var appended = 40;
        EventNotDurableException? held = null;
        while (held is null && appended < 1000)
        {
            try
            {
                await outbox.AppendAsync(new TestEvent(time.GetUtcNow(), note));
            }
            catch (EventNotDurableException e)
            {
                held = e;
            }
            appended++;
        }
        Assert.True(held?.HeldInMemory, "an append on the full disk is held in memory");

        try
        {
            await recovered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the outbox never wrote again on the full disk: {outbox.Status().LastStorageError}");
        }
        Assert.Equal(appended, outbox.PendingCount());
    }
}
