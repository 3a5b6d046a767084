using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Testing;

/// <summary>An <see cref="OutboxPublisher"/> built from its parts as the agent's composition root builds it
/// (EdgeServices), for tests and benchmarks that drive one without the host.</summary>
public static class TestPublisher
{
    public static OutboxPublisher Build(
        IOutbox outbox,
        IMqttTransport transport,
        DeviceIdentity device,
        TimeProvider time,
        OutboxPublisherOptions options,
        IEventSink? alarms = null,
        ReplayQueue? replays = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = new BrokerSession(transport, device, boot: 1, time);
        var deadLetters = new DeadLetterAlarms(session, alarms is null ? null : new StraightToStore(alarms));
        var window = new InflightWindow(session, outbox, deadLetters, options);
        return new OutboxPublisher(
            session,
            window,
            deadLetters,
            new HealthReporter(session, outbox, options.HealthInterval),
            new InboundRouter(transport),
            replays is null ? null : new ReplayResponder(session, window, replays));
    }

    /// <summary>The agent's event pipeline in its simplest form: straight onto the store, no retry, no subscribers.</summary>
    private sealed class StraightToStore(IEventSink store) : IEventPort
    {
        public Task<EventEnvelope> Emit(DomainEvent domainEvent) => store.AppendAsync(domainEvent).AsTask();
    }
}
