using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A reader in front of a door: turns each frame into a credential (trying the reader's formats in its configured
/// order, so an ambiguous frame resolves by that order and the credential records which format matched), asks the
/// <see cref="AccessRules"/>, emits the decision and then actuates the <see cref="DoorController"/> — so the decision
/// precedes the door's reaction in <c>seq</c> order, and the door never waits for the disk or the network (emitting only
/// queues the event). A biometric reader's match is published as a <see cref="BiometricCredential"/>; a keypad's keys
/// feed a <see cref="PinEntry"/>, and the PIN itself never leaves this class except into the rules.
/// </summary>
public sealed class AccessPoint : IDisposable
{
    private readonly IReadOnlyList<CardFormat> _formats;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly AccessRules _rules;
    private readonly DoorSite _site;
    private readonly DoorController _door;
    private readonly ReaderFrontEnd _frontEnd;
    private readonly Lock _pinGate = new();
    private ITimer? _pinTimer;

    public AccessPoint(
        ReaderId reader, ReaderDirection direction, IReadOnlyList<CardFormat> formats, AccessRules rules, DoorSite site, DoorController door,
        IEventPort events, TimeProvider time, ReaderFrontEnd? frontEnd = null)
    {
        Reader = reader;
        Door = door.Id;
        Direction = direction;
        _formats = formats;
        _events = events;
        _time = time;
        _frontEnd = frontEnd ?? ReaderFrontEnd.CardOnly;
        _rules = rules;
        _site = site;
        _door = door;
    }

    public ReaderId Reader { get; }

    public DoorId Door { get; }

    public ReaderDirection Direction { get; }

    /// <summary>Decides, emits the event, then actuates, synchronously; returns the decision (null when the frame was not
    /// a credential) and the event it emitted (null for noise and for a keypad key that completes nothing).</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(WiegandFrame frame)
    {
        _frontEnd.Diagnostics?.RecordFrame(frame, keys: _frontEnd.Kind == ReaderKind.Keypad);
        if (frame.Outcome == WiegandFrameOutcome.Noise)
            return (null, null);
        if (frame.Outcome != WiegandFrameOutcome.Complete || frame.Bits is not { } bits)
            return (null, Emit(new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, frame.BitCount, null, frame.Problem ?? "invalid frame")));
        if (_frontEnd.Kind == ReaderKind.Keypad)
            return OnKeys(bits);

        return DecideCard(CardFormatCodec.First(_formats, format => CardFormatCodec.Decode(bits, format)), bits.Length, bits.ToString());
    }

    /// <summary>Decides an NFC card by its UID, through the reader's formats (<see cref="UidCredentials"/>) and then
    /// exactly as a Wiegand card: a UID no format takes (or of a length no card has) is a rejected frame, never a grant.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(CardUid uid) =>
        DecideCard(UidCredentials.Decode(uid, _formats), uid.Length * 8, uid.Bits?.ToString());

    private (AccessDecision? Decision, DomainEvent? Event) DecideCard(CardDecodeResult decoded, int bitCount, string? raw)
    {
        _frontEnd.Diagnostics?.RecordDecode(decoded, bitCount, raw);
        if (decoded.Credential is not { } card)
        {
            _frontEnd.Feedback?.Play(_frontEnd.Denied);
            return (null, Emit(new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, bitCount, raw, decoded.Error ?? "no format matched")));
        }
        if (_frontEnd.Kind == ReaderKind.Biometric)
            return (null, Emit(new BiometricPresentedEvent(_time.GetUtcNow(), Door, Reader, new BiometricCredential(card.Format, card.Number))));

        return Decide(new AccessRequest(Reader, Door, Direction) { Card = card });
    }

    /// <summary>Decides a presentation that is not a Wiegand frame (a PIN from a keypad, a biometric match, a card
    /// and PIN together): the decision is emitted first, then the door actuated, synchronously.</summary>
    public (AccessDecision Decision, DomainEvent Event) Decide(AccessRequest request)
    {
        var decision = _rules.Decide(request with { Reader = Reader, Door = Door, Direction = Direction });
        DomainEvent accessEvent;
        using (_events.Batch())
        {
            accessEvent = Emit(new AccessEvent(_time.GetUtcNow(), Door, Reader, decision));
            Actuate(decision);
        }
        if (!decision.Pending)
            _frontEnd.Feedback?.Play(decision.Granted ? _frontEnd.Granted : _frontEnd.Denied);
        return (decision, accessEvent);
    }

    private void Actuate(AccessDecision decision)
    {
        if (decision.StartsLockdown)
        {
            _site.SetLockdown(null, true, "credential", decision.Holder);
            return;
        }
        if (!decision.Granted)
            return;
        // The silent alarm goes out before the door moves, so it is never behind the door's own events.
        if (decision.Duress)
            _door.RaiseDuress(decision.Holder);
        _door.Grant(decision.ExtendedGrant);
    }

    private DomainEvent Emit(DomainEvent domainEvent)
    {
        _ = _events.Emit(domainEvent);
        return domainEvent;
    }

    private (AccessDecision? Decision, DomainEvent? Event) OnKeys(WiegandBits bits)
    {
        if (!KeypadDecoder.TryDecode(bits, out var keys, out var error))
        {
            _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.ParityError);
            return (null, Emit(new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, bits.Length, null, error)));
        }
        _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.Ok);
        return DecideKeys(keys);
    }

    /// <summary>Keys from a keypad (decoded from Wiegand, or sent as keys by an OSDP reader) into the PIN entry; a PIN
    /// submitted with <c>#</c> is decided like any presentation. Returns what <see cref="Decide(WiegandFrame)"/> does.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) DecideKeys(IReadOnlyList<KeypadKey> keys)
    {
        var entry = _frontEnd.PinEntry ?? throw new InvalidOperationException($"reader {Reader} takes no keys");
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
        // A submitted PIN is a presentation (PIN-only, card-and-PIN, duress) and its decision is the event; otherwise the
        // entry's progress is. Neither carries a digit.
        if (submitted is not null)
            return Decide(new AccessRequest(Reader, Door, Direction) { Pin = submitted.Reveal() });
        return (null, last is null ? null : Emit(last));
    }

    /// <summary>Keys a keypad read but that are no keypress (several keys at once, a stuck key): emitted as
    /// <c>reader.frame_rejected</c> with no bits, so the installer sees why nothing happened. No key reaches the PIN entry.</summary>
    public DomainEvent RejectKeys(string problem) =>
        Emit(new FrameRejectedEvent(_time.GetUtcNow(), Door, Reader, 0, null, problem));

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
            Emit(abandoned);
    }

    public void Dispose()
    {
        lock (_pinGate)
            _pinTimer?.Dispose();
    }
}
