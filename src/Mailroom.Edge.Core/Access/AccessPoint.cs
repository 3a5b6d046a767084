using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A reader in front of a door: turns each frame into a credential (trying the reader's formats in its configured
/// order), asks the rules, actuates the door on a grant, and only then appends the event — so the door never waits for
/// the disk or the network. Two wirings: the simple one (an <see cref="AccessPolicy"/> and a bare
/// <see cref="DoorStrike"/>) and the controller one (<see cref="AccessRules"/> and a <see cref="DoorController"/>,
/// which adds modes, PINs, lockdown, duress and the door state machine).
/// </summary>
public sealed class AccessPoint
{
    private readonly IReadOnlyList<CardFormat> _formats;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly Func<AccessRequest, AccessDecision> _decide;
    private readonly Action<AccessDecision> _actuate;

    /// <summary>The simple wiring: enrolment and validity only, the strike released for <paramref name="grantTime"/>.</summary>
    public AccessPoint(
        ReaderId reader, DoorId door, IReadOnlyList<CardFormat> formats, AccessPolicy policy, DoorStrike strike, TimeSpan grantTime,
        IEventSink events, TimeProvider time)
    {
        Reader = reader;
        Door = door;
        _formats = formats;
        _events = events;
        _time = time;
        _decide = request => request.Card is { } card
            ? policy.Decide(card)
            : new AccessDecision(false, DenialReason.ModeNotAccepted, new CardCredential("PIN", null, 0), null, [new DecisionCheck("mode", false, "cards only")]);
        _actuate = _ => strike.Unlock(grantTime);
    }

    /// <summary>The controller wiring: every rule, and the door's state machine drives the strike.</summary>
    public AccessPoint(
        ReaderId reader, ReaderDirection direction, IReadOnlyList<CardFormat> formats, AccessRules rules, DoorSite site, DoorController door,
        IEventSink events, TimeProvider time)
    {
        Reader = reader;
        Door = door.Id;
        Direction = direction;
        _formats = formats;
        _events = events;
        _time = time;
        _decide = rules.Decide;
        _actuate = decision =>
        {
            if (decision.StartsLockdown)
            {
                site.SetLockdown(null, true, "credential", decision.Holder);
                return;
            }
            if (!decision.Granted)
                return;
            // The silent alarm goes out before the door moves, so it is never behind the door's own events.
            if (decision.Duress)
                door.RaiseDuress(decision.Holder);
            door.Grant(decision.ExtendedGrant);
        };
    }

    public ReaderId Reader { get; }

    public DoorId Door { get; }

    public ReaderDirection Direction { get; }

    /// <summary>Decides and actuates synchronously; returns the decision (null when the frame was not a credential)
    /// and the event to append.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(WiegandFrame frame)
    {
        if (frame.Outcome == WiegandFrameOutcome.Noise)
            return (null, null);
        if (frame.Outcome != WiegandFrameOutcome.Complete || frame.Bits is not { } bits)
            return (null, new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, frame.BitCount, null, frame.Problem ?? "invalid frame"));

        CardCredential? card = null;
        var problems = new List<string>(_formats.Count);
        foreach (var format in _formats)
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
            return (null, new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, bits.Length, bits.ToString(), string.Join("; ", problems)));

        return Decide(new AccessRequest(Reader, Door, Direction) { Card = card });
    }

    /// <summary>Decides a presentation that is not a Wiegand frame (a PIN from a keypad, a biometric match, a card
    /// and PIN together) and actuates synchronously.</summary>
    public (AccessDecision Decision, DomainEvent Event) Decide(AccessRequest request)
    {
        var decision = _decide(request with { Reader = Reader, Door = Door, Direction = Direction });
        _actuate(decision);
        return (decision, new AccessEvent(_time.GetUtcNow(), Door, Reader, decision));
    }

    /// <summary>Handles a frame end to end: decision, strike, then the durable append of its event.</summary>
    public async ValueTask<AccessDecision?> HandleFrameAsync(WiegandFrame frame, CancellationToken cancellationToken = default)
    {
        var (decision, domainEvent) = Decide(frame);
        if (domainEvent is not null)
            await _events.AppendAsync(domainEvent, cancellationToken);
        return decision;
    }

    /// <summary>Handles a keypad PIN (or a biometric match) end to end, like <see cref="HandleFrameAsync"/>.</summary>
    public async ValueTask<AccessDecision> HandleAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        var (decision, domainEvent) = Decide(request);
        await _events.AppendAsync(domainEvent, cancellationToken);
        return decision;
    }
}
