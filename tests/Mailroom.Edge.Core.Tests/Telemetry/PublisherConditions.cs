using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Core.Tests.Telemetry;

/// <summary>Waits for a condition on a publisher under test, re-checked whenever its state, the fake transport or the
/// memory outbox changes (no polling, no sleeps).</summary>
internal static class PublisherConditions
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task WaitUntil(OutboxPublisher publisher, FakeTransport transport, MemoryOutbox outbox, Func<bool> condition)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
                met.TrySetResult();
        }
        publisher.State.Changed += Check;
        transport.PublishedOne += Check;
        outbox.AppendedOne += Check;
        Check();
        try
        {
            await met.Task.WaitAsync(Patience);
        }
        finally
        {
            publisher.State.Changed -= Check;
            transport.PublishedOne -= Check;
            outbox.AppendedOne -= Check;
        }
    }
}
