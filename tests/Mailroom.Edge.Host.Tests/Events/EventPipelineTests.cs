using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Events;

public sealed class EventPipelineTests : IDisposable
{
    private readonly RecordingEventSink _store = new();
    private readonly LoggedErrors _errors = new();
    private readonly EventPipeline _pipeline;

    public EventPipelineTests() =>
        _pipeline = new EventPipeline(_store, new EventDispatcher(), TimeProvider.System, _errors.CreateLogger<EventPipeline>());

    private static AlarmEvent Alarm(AlarmKind kind) => new(DateTimeOffset.UnixEpoch, new DoorId("front"), kind, true);

    [Fact]
    public async Task A_batch_hands_its_events_to_the_store_in_order_when_it_ends()
    {
        Task<EventEnvelope> first, second;
        using (_pipeline.Batch())
        {
            first = _pipeline.Emit(Alarm(AlarmKind.Duress));
            second = _pipeline.Emit(Alarm(AlarmKind.ForcedOpen));
            Assert.Empty(_store.Events.Snapshot());
        }

        Assert.Equal([AlarmKind.Duress, AlarmKind.ForcedOpen], _store.OfType<AlarmEvent>().Select(a => a.Kind));
        Assert.True((await first).Seq < (await second).Seq);
    }

    [Fact]
    public void Outside_a_batch_an_event_reaches_the_store_at_once()
    {
        _ = _pipeline.Emit(Alarm(AlarmKind.Tamper));

        Assert.Single(_store.Events.Snapshot());
    }

    public void Dispose() => _errors.ThrowIfUnexpected();
}
