using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A reader in front of a door: turns each frame into a credential (trying the reader's formats in its configured
/// order, so an ambiguous frame resolves by that order and the credential records which format matched), asks the
/// rules, actuates the door on a grant, and only then appends the event — so the door never waits for the disk or the
/// network. Two wirings: the simple one (an <see cref="AccessPolicy"/> and a bare <see cref="DoorStrike"/>) and the
/// controller one (<see cref="AccessRules"/> and a <see cref="DoorController"/>, which adds modes, PINs, lockdown,
/// duress and the door state machine). A biometric reader's match is published as a <see cref="BiometricCredential"/>;
/// a keypad's keys feed a <see cref="PinEntry"/>, and the PIN itself never leaves this class except into the rules.
/// </summary>
public sealed class AccessPoint : IDisposable
{
    private readonly IReadOnlyList<CardFormat> _formats;
    private readonly IEventSink _events;
    private readonly TimeProvider _time;
    private readonly Func<AccessRequest, AccessDecision> _decide;
    private readonly Action<AccessDecision> _actuate;
    private readonly bool _rulesAcceptPins;
    private readonly ReaderFrontEnd _frontEnd;
    private readonly DoorController? _bareDoor;
    private readonly Lock _pinGate = new();
    private ITimer? _pinTimer;

    /// <summary>The simple wiring: enrolment and validity only, the strike released for <paramref name="grantTime"/>.</summary>
    public AccessPoint(
        ReaderId reader, DoorId door, IReadOnlyList<CardFormat> formats, AccessPolicy policy, DoorStrike strike, TimeSpan grantTime,
        IEventSink events, TimeProvider time, ReaderFrontEnd? frontEnd = null)
    {
        Reader = reader;
        Door = door;
        _formats = formats;
        _events = events;
        _time = time;
        _frontEnd = frontEnd ?? ReaderFrontEnd.CardOnly;
        _decide = request => request.Card is { } card
            ? policy.Decide(card)
            : new AccessDecision(false, DenialReason.ModeNotAccepted, new CardCredential("PIN", null, 0), null, [new DecisionCheck("mode", false, "cards only")]);
        // The strike has no timer: a controller without a position switch (whose door events nobody wants) ends the grant.
        var bareDoor = new DoorController(door, new DoorSettings { GrantTime = grantTime, MinimumPulse = TimeSpan.Zero, HasPositionSwitch = false },
            strike, time, _ => { });
        _bareDoor = bareDoor;
        _actuate = decision =>
        {
            if (decision.Granted)
                bareDoor.Grant();
        };
    }

    /// <summary>The controller wiring: every rule, and the door's state machine drives the strike.</summary>
    public AccessPoint(
        ReaderId reader, ReaderDirection direction, IReadOnlyList<CardFormat> formats, AccessRules rules, DoorSite site, DoorController door,
        IEventSink events, TimeProvider time, ReaderFrontEnd? frontEnd = null)
    {
        Reader = reader;
        Door = door.Id;
        Direction = direction;
        _formats = formats;
        _events = events;
        _time = time;
        _frontEnd = frontEnd ?? ReaderFrontEnd.CardOnly;
        _rulesAcceptPins = true;
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

    /// <summary>Raised (on a timer thread) when a PIN entry is abandoned by the inter-key timeout, with its event.</summary>
    public event Action<DomainEvent>? PinAbandoned;

    /// <summary>Decides and actuates synchronously; returns the decision (null when the frame was not a credential)
    /// and the event to append.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(WiegandFrame frame)
    {
        _frontEnd.Diagnostics?.RecordFrame(frame);
        if (frame.Outcome == WiegandFrameOutcome.Noise)
            return (null, null);
        if (frame.Outcome != WiegandFrameOutcome.Complete || frame.Bits is not { } bits)
            return (null, new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, frame.BitCount, null, frame.Problem ?? "invalid frame"));
        if (_frontEnd.Kind == ReaderKind.Keypad)
            return OnKeys(bits);

        CardCredential? card = null;
        var best = CardDecodeStatus.LengthMismatch;
        var problems = new List<string>(_formats.Count);
        foreach (var format in _formats)
        {
            var result = CardFormatCodec.Decode(bits, format);
            if (result.IsOk)
            {
                card = result.Credential;
                best = CardDecodeStatus.Ok;
                break;
            }
            if (result.Status == CardDecodeStatus.ParityError)
                best = CardDecodeStatus.ParityError;
            problems.Add(result.Error!);
        }
        _frontEnd.Diagnostics?.RecordDecode(best);
        if (card is null)
        {
            _frontEnd.Feedback?.Play(_frontEnd.Denied);
            return (null, new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, bits.Length, bits.ToString(), string.Join("; ", problems)));
        }
        if (_frontEnd.Kind == ReaderKind.Biometric)
            return (null, new BiometricPresentedEvent(_time.GetUtcNow(), Door, Reader, new BiometricCredential(card.Format, card.Number)));

        return Decide(new AccessRequest(Reader, Door, Direction) { Card = card });
    }

    /// <summary>Decides a presentation that is not a Wiegand frame (a PIN from a keypad, a biometric match, a card
    /// and PIN together) and actuates synchronously.</summary>
    public (AccessDecision Decision, DomainEvent Event) Decide(AccessRequest request)
    {
        var decision = _decide(request with { Reader = Reader, Door = Door, Direction = Direction });
        _actuate(decision);
        if (!decision.Pending)
            _frontEnd.Feedback?.Play(decision.Granted ? _frontEnd.Granted : _frontEnd.Denied);
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

    private (AccessDecision? Decision, DomainEvent? Event) OnKeys(WiegandBits bits)
    {
        if (!KeypadDecoder.TryDecode(bits, out var keys, out var error))
        {
            _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.ParityError);
            return (null, new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, bits.Length, null, error));
        }
        _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.Ok);
        var entry = _frontEnd.PinEntry ?? throw new InvalidOperationException($"keypad reader {Reader} has no PIN entry");
        DomainEvent? last = null;
        Pin? submitted = null;
        lock (_pinGate)
        {
            foreach (var key in keys)
            {
                var result = entry.Press(key);
                if (result.Outcome == PinEntryOutcome.Completed)
                    submitted = result.Pin;
                // Raw key values are deliberately not kept in the event: only what happened and how many digits.
                last = result.Outcome switch
                {
                    PinEntryOutcome.Completed => new PinEntryEvent(_time.GetUtcNow(), Door, Reader, "completed", result.DigitCount),
                    PinEntryOutcome.TooLong => new PinEntryEvent(_time.GetUtcNow(), Door, Reader, "too_long", 0),
                    _ => last,
                };
            }
            if (entry.InProgress)
            {
                _frontEnd.Feedback?.Play(_frontEnd.WaitingForPin);
                ArmPinTimeout(entry);
            }
            else
            {
                _frontEnd.Feedback?.Stop();
                _pinTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
        // With the full rules, a submitted PIN is a presentation (PIN-only, card-and-PIN, duress); without them, it is
        // only reported. Either way the event carries no digit.
        if (submitted is not null && _rulesAcceptPins)
        {
            var (decision, accessEvent) = Decide(new AccessRequest(Reader, Door, Direction) { Pin = submitted.Reveal() });
            return (decision, accessEvent);
        }
        return (null, last);
    }

    private void ArmPinTimeout(PinEntry entry)
    {
        var due = entry.AbandonsAt!.Value - _time.GetUtcNow();
        if (due < TimeSpan.Zero)
            due = TimeSpan.Zero;
        _pinTimer ??= _time.CreateTimer(_ => OnPinTimeout(entry), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pinTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void OnPinTimeout(PinEntry entry)
    {
        PinEntryEvent? abandoned = null;
        lock (_pinGate)
        {
            var digits = entry.DigitCount;
            if (entry.Expire())
            {
                _frontEnd.Feedback?.Stop();
                abandoned = new PinEntryEvent(_time.GetUtcNow(), Door, Reader, "abandoned", digits);
            }
        }
        if (abandoned is not null)
            PinAbandoned?.Invoke(abandoned);
    }

    public void Dispose()
    {
        lock (_pinGate)
            _pinTimer?.Dispose();
        _bareDoor?.Dispose();
    }
}
