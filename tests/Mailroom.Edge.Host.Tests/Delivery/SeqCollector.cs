using System.Text.Json;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Host.Tests.Delivery;

/// <summary>Counts the event seqs a subscriber received: distinct, duplicates, and the order of first arrival.</summary>
internal sealed class SeqCollector
{
    private readonly HashSet<long> _seen = [];
    private readonly List<long> _firstArrivals = [];

    public int Duplicates { get; private set; }

    public IReadOnlyList<long> FirstArrivals => _firstArrivals;

    public IReadOnlySet<long> Seen => _seen;

    /// <summary>A predicate for <c>MqttTestSubscriber.WaitForAsync</c>: it sees every message exactly once, in order.</summary>
    public bool Observe(MqttMessageReceived message, int expected)
    {
        if (!message.Topic.Contains("/event/", StringComparison.Ordinal))
            return false;
        var seq = JsonDocument.Parse(message.Payload).RootElement.GetProperty("seq").GetInt64();
        if (_seen.Add(seq))
            _firstArrivals.Add(seq);
        else
            Duplicates++;
        return _seen.Count >= expected;
    }
}
