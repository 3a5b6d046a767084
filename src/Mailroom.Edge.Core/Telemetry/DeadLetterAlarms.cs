using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// The <see cref="OutboxDeadLetterEvent"/> alarm for each row the broker or the client refused for good. Collected while
/// the publisher's loop handles signals (which must not wait) and appended between them.
/// </summary>
public sealed class DeadLetterAlarms(BrokerSession session, IEventPort? alarms)
{
    private readonly List<DomainEvent> _pending = [];

    public void Raise(long seq, string topic, int reasonCode, string reason) =>
        _pending.Add(new OutboxDeadLetterEvent(session.Time.GetUtcNow(), seq, topic, reasonCode, reason));

    /// <summary>Appends the alarms raised since the last call; one that is not durable is reported in the state.</summary>
    public async ValueTask AppendAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
            return;
        var raised = _pending.ToList();
        _pending.Clear();
        foreach (var alarm in raised)
        {
            try
            {
                if (alarms is not null)
                    await alarms.Emit(alarm).WaitAsync(cancellationToken);
            }
            catch (EventNotDurableException e)
            {
                session.State.OnError(e.Message);
            }
        }
    }
}
