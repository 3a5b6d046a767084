namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// A message on <c>{root}/cmd/{name}</c> as the transport delivered it, with what the freshness rule needs: whether the
/// broker flagged it retained, and how long the connection it arrived on had been up (monotonic clock).
/// <see cref="Receipt"/> is its durable inbox record; <see cref="Interrupted"/> marks one taken from the inbox after a
/// restart whose id had already been consumed (it may have acted, so it is answered, never run again).
/// </summary>
public sealed record IncomingCommand(
    string Topic,
    byte[] Payload,
    bool Retained,
    TimeSpan SinceConnected,
    string? ResponseTopic = null,
    byte[]? CorrelationData = null,
    long? Receipt = null,
    bool Interrupted = false);
