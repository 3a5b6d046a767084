using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A reader in front of a door: turns each frame into a credential (trying the reader's formats in its configured
/// order), asks the <see cref="AccessPolicy"/>, energises the strike on a grant, and only then appends the event —
/// so the door never waits for the disk or the network.
/// </summary>
public sealed class AccessPoint(
    ReaderId reader,
    DoorId door,
    IReadOnlyList<CardFormat> formats,
    AccessPolicy policy,
    DoorStrike strike,
    TimeSpan grantTime,
    IEventSink events,
    TimeProvider time)
{
    public ReaderId Reader => reader;

    public DoorId Door => door;

    /// <summary>Decides and actuates synchronously; returns the decision (null when the frame was not a credential)
    /// and the event to append.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(WiegandFrame frame)
    {
        if (frame.Outcome == WiegandFrameOutcome.Noise)
            return (null, null);
        if (frame.Outcome != WiegandFrameOutcome.Complete || frame.Bits is not { } bits)
            return (null, new FrameRejectedEvent(time.GetUtcNow(), door, reader, frame.BitCount, null, frame.Problem ?? "invalid frame"));

        CardCredential? card = null;
        var problems = new List<string>(formats.Count);
        foreach (var format in formats)
        {
            var result = CardFormatCodec.Decode(bits, format);
            if (result.IsOk)
            {
                card = result.Credential;
                break;
            }
            problems.Add(result.Error!);
        }
        if (card is null)
            return (null, new FrameRejectedEvent(time.GetUtcNow(), door, reader, bits.Length, bits.ToString(), string.Join("; ", problems)));

        var decision = policy.Decide(card);
        if (decision.Granted)
            strike.Unlock(grantTime);
        return (decision, new AccessEvent(time.GetUtcNow(), door, reader, decision));
    }

    /// <summary>Handles a frame end to end: decision, strike, then the durable append of its event.</summary>
    public async ValueTask<AccessDecision?> HandleFrameAsync(WiegandFrame frame, CancellationToken cancellationToken = default)
    {
        var (decision, domainEvent) = Decide(frame);
        if (domainEvent is not null)
            await events.AppendAsync(domainEvent, cancellationToken);
        return decision;
    }
}
