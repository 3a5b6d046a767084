using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

public sealed class CredentialSyncSpoolTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private static byte[] Payload(int i) => [.. Enumerable.Range(0, 10 + (i * 7 % 50)).Select(b => (byte)(i + b))];

    [Fact]
    public void Messages_come_out_in_arrival_order_while_memory_stays_within_its_budget_and_the_rest_waits_in_the_file()
    {
        using var spool = new CredentialSyncSpool(_folder.File("spool"), memoryBudget: 100);
        var received = new List<byte[]>();

        // Bursts larger than the budget, read back partly between bursts, so memory and file take turns.
        for (var i = 0; i < 60; i++)
        {
            spool.Enqueue(Payload(i));
            if (i % 7 == 6)
            {
                for (var n = 0; n < 3; n++)
                    received.Add(spool.TryDequeue()!.Value.ToArray());
            }
        }
        while (spool.TryDequeue() is { } rest)
            received.Add(rest.ToArray());

        Assert.Equal(Enumerable.Range(0, 60).Select(Payload), received);
        Assert.InRange(spool.PeakMemoryBytes, 1, 100);
        Assert.True(spool.Spilled > 30, $"only {spool.Spilled} messages went through the file");
        Assert.Equal(0, spool.Count);
    }

    [Fact]
    public void The_file_is_emptied_once_the_reader_catches_up_and_deleted_on_dispose()
    {
        var path = _folder.File("spool");
        var spool = new CredentialSyncSpool(path, memoryBudget: 0);
        spool.Enqueue(Payload(1));
        spool.Enqueue(Payload(2));
        Assert.True(new FileInfo(path).Length > 0);

        Assert.Equal(Payload(1), spool.TryDequeue()!.Value.ToArray());
        Assert.Equal(Payload(2), spool.TryDequeue()!.Value.ToArray());

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Null(spool.TryDequeue());
        spool.Dispose();
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_spool_left_by_a_crash_is_emptied_when_opened()
    {
        var path = _folder.File("spool");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);

        using var spool = new CredentialSyncSpool(path, memoryBudget: 1024);

        Assert.Equal(0, new FileInfo(path).Length);
        Assert.Null(spool.TryDequeue());
    }

    [Fact]
    public async Task A_waiting_reader_gets_the_next_message_when_it_arrives()
    {
        using var spool = new CredentialSyncSpool(_folder.File("spool"), memoryBudget: 0);
        var waiting = spool.DequeueAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);

        spool.Enqueue(Payload(3));

        Assert.Equal(Payload(3), (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).ToArray());
    }

    public void Dispose() => _folder.Dispose();
}
