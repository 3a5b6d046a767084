using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Storage.Commands;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Commands;

public sealed class SqliteCommandLedgerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new("mailroom-ledger");

    [Fact]
    public void CountersAreStrictlyIncreasingPerIssuerAndIdsAreNeverReused()
    {
        using var ledger = new SqliteCommandLedger(_folder.File("commands.db"));
        Assert.Null(ledger.TryConsume("ops-1", 10, "a", Now));
        Assert.Equal(CommandReason.StaleCounter, ledger.TryConsume("ops-1", 10, "b", Now));
        Assert.Equal(CommandReason.StaleCounter, ledger.TryConsume("ops-1", 9, "c", Now));
        Assert.Null(ledger.TryConsume("ops-2", 1, "d", Now));
        Assert.Equal(CommandReason.ReplayedId, ledger.TryConsume("ops-2", 2, "a", Now));
        Assert.Null(ledger.TryConsume("ops-1", 11, "e", Now));
        Assert.Equal(11, ledger.LastCounter("ops-1"));
        Assert.Equal(1, ledger.LastCounter("ops-2"));
    }

    [Fact]
    public void RefusedCommandsLeaveNoTrace()
    {
        using var ledger = new SqliteCommandLedger(_folder.File("commands.db"));
        Assert.Null(ledger.TryConsume("ops-1", 5, "a", Now));
        Assert.Equal(CommandReason.StaleCounter, ledger.TryConsume("ops-1", 4, "b", Now));
        // "b" was refused, so it was not recorded: with a good counter it is accepted.
        Assert.Null(ledger.TryConsume("ops-1", 6, "b", Now));
    }

    [Fact]
    public void StateSurvivesReopening()
    {
        using (var ledger = new SqliteCommandLedger(_folder.File("commands.db")))
            Assert.Null(ledger.TryConsume("ops-1", 42, "a", Now));
        using var reopened = new SqliteCommandLedger(_folder.File("commands.db"));
        Assert.Equal(CommandReason.ReplayedId, reopened.TryConsume("ops-1", 43, "a", Now));
        Assert.Equal(CommandReason.StaleCounter, reopened.TryConsume("ops-1", 42, "b", Now));
    }

    public void Dispose() => _folder.Dispose();
}
