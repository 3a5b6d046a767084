namespace Mailroom.Edge.Core.Telemetry;

/// <summary>What the publisher knows about its connection, for health reports and tests.</summary>
public sealed class OutboxPublisherState
{
    public bool Connected { get; private set; }

    public DateTimeOffset? ConnectedSince { get; private set; }

    public string? LastError { get; private set; }

    public long Delivered { get; private set; }

    public long Refused { get; private set; }

    /// <summary>Messages published again because they were still unacknowledged long after a reconnect.</summary>
    public long Republished { get; private set; }

    /// <summary>Copies of delivered events the broker acknowledged again for a <c>replay</c> command.</summary>
    public long Replayed { get; private set; }

    /// <summary>Replayed copies that were not delivered (refused, or the connection dropped first).</summary>
    public long ReplayFailed { get; private set; }

    /// <summary>Health messages published.</summary>
    public long HealthReports { get; private set; }

    /// <summary>Raised on the publisher's loop after every change (connect, disconnect, delivery); handlers must be quick.</summary>
    public event Action? Changed;

    public int Connects { get; private set; }

    /// <summary>Subscriptions the broker acknowledged since the latest CONNACK (a refused one counts too, and sets
    /// <see cref="LastError"/>): until every consumer's subscription is acknowledged, a message published to it is lost.</summary>
    public int Subscriptions { get; private set; }

    /// <summary>How many subscriptions the connection makes (the transport's filters when the last SUBACK came).</summary>
    public int SubscriptionsExpected { get; private set; }

    /// <summary>Connected, and every subscription acknowledged: from now on a message published to the agent reaches it
    /// (before, the broker drops a non-retained message nobody is subscribed to yet).</summary>
    public bool Subscribed => Connected && SubscriptionsExpected > 0 && Subscriptions >= SubscriptionsExpected;

    internal void OnConnected(DateTimeOffset now)
    {
        Connected = true;
        ConnectedSince = now;
        Connects++;
        Subscriptions = 0;
        Changed?.Invoke();
    }

    internal void OnDisconnected(string reason)
    {
        Connected = false;
        ConnectedSince = null;
        LastError = reason;
        Changed?.Invoke();
    }

    internal void OnSubscribed(string? refusal, int expected)
    {
        Subscriptions++;
        SubscriptionsExpected = expected;
        if (refusal is not null)
            LastError = refusal;
        Changed?.Invoke();
    }

    internal void OnDelivered()
    {
        Delivered++;
        Changed?.Invoke();
    }

    internal void OnRepublished(int count)
    {
        Republished += count;
        Changed?.Invoke();
    }

    internal void OnReplayed(bool succeeded)
    {
        if (succeeded)
            Replayed++;
        else
            ReplayFailed++;
        Changed?.Invoke();
    }

    internal void OnHealthPublished()
    {
        HealthReports++;
        Changed?.Invoke();
    }

    internal void OnError(string error)
    {
        LastError = error;
        Changed?.Invoke();
    }

    internal void OnRefused(string error)
    {
        Refused++;
        LastError = error;
        Changed?.Invoke();
    }
}
