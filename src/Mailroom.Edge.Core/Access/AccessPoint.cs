using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A reader in front of a door: turns each frame into a credential (trying the reader's formats in its configured
/// order, so an ambiguous frame resolves by that order and the credential records which format matched), asks the
/// <see cref="AccessPolicy"/>, energises the strike on a grant, and only then appends the event — so the door never
/// waits for the disk or the network. A biometric reader's match is published as a <see cref="BiometricCredential"/>;
/// a keypad's keys feed a <see cref="PinEntry"/>, and the PIN itself never leaves this class.
/// </summary>
public sealed class AccessPoint(
    ReaderId reader,
    DoorId door,
    IReadOnlyList<CardFormat> formats,
    AccessPolicy policy,
    DoorStrike strike,
    TimeSpan grantTime,
    IEventSink events,
    TimeProvider time,
    ReaderFrontEnd? frontEnd = null) : IDisposable
{
    private readonly ReaderFrontEnd _frontEnd = frontEnd ?? ReaderFrontEnd.CardOnly;
    private readonly Lock _pinGate = new();
    private ITimer? _pinTimer;

    public ReaderId Reader => reader;

    public DoorId Door => door;

    /// <summary>Raised (on a timer thread) when a PIN entry is abandoned by the inter-key timeout, with its event.</summary>
    public event Action<DomainEvent>? PinAbandoned;

    /// <summary>Decides and actuates synchronously; returns the decision (null when the frame was not a card credential)
    /// and the event to append.</summary>
    public (AccessDecision? Decision, DomainEvent? Event) Decide(WiegandFrame frame)
    {
        _frontEnd.Diagnostics?.RecordFrame(frame);
        if (frame.Outcome == WiegandFrameOutcome.Noise)
            return (null, null);
        if (frame.Outcome != WiegandFrameOutcome.Complete || frame.Bits is not { } bits)
            return (null, new FrameRejectedEvent(time.GetUtcNow(), door, reader, frame.BitCount, null, frame.Problem ?? "invalid frame"));
        if (_frontEnd.Kind == ReaderKind.Keypad)
            return (null, OnKeys(bits));

        CardCredential? card = null;
        var best = CardDecodeStatus.LengthMismatch;
        var problems = new List<string>(formats.Count);
        foreach (var format in formats)
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
            return (null, new FrameRejectedEvent(time.GetUtcNow(), door, reader, bits.Length, bits.ToString(), string.Join("; ", problems)));
        }
        if (_frontEnd.Kind == ReaderKind.Biometric)
            return (null, new BiometricPresentedEvent(time.GetUtcNow(), door, reader, new BiometricCredential(card.Format, card.Number)));

        var decision = policy.Decide(card);
        if (decision.Granted)
            strike.Unlock(grantTime);
        _frontEnd.Feedback?.Play(decision.Granted ? _frontEnd.Granted : _frontEnd.Denied);
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

    private DomainEvent? OnKeys(WiegandBits bits)
    {
        if (!KeypadDecoder.TryDecode(bits, out var keys, out var error))
        {
            _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.ParityError);
            return new FrameRejectedEvent(time.GetUtcNow(), door, reader, bits.Length, null, error);
        }
        _frontEnd.Diagnostics?.RecordDecode(CardDecodeStatus.Ok);
        var entry = _frontEnd.PinEntry ?? throw new InvalidOperationException($"keypad reader {reader} has no PIN entry");
        DomainEvent? last = null;
        lock (_pinGate)
        {
            foreach (var key in keys)
            {
                var result = entry.Press(key);
                // Raw key values are deliberately not kept in the event: only what happened and how many digits.
                last = result.Outcome switch
                {
                    PinEntryOutcome.Completed => new PinEntryEvent(time.GetUtcNow(), door, reader, "completed", result.DigitCount),
                    PinEntryOutcome.TooLong => new PinEntryEvent(time.GetUtcNow(), door, reader, "too_long", 0),
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
        return last;
    }

    private void ArmPinTimeout(PinEntry entry)
    {
        var due = entry.AbandonsAt!.Value - time.GetUtcNow();
        if (due < TimeSpan.Zero)
            due = TimeSpan.Zero;
        _pinTimer ??= time.CreateTimer(_ => OnPinTimeout(entry), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
                abandoned = new PinEntryEvent(time.GetUtcNow(), door, reader, "abandoned", digits);
            }
        }
        if (abandoned is not null)
            PinAbandoned?.Invoke(abandoned);
    }

    public void Dispose()
    {
        lock (_pinGate)
            _pinTimer?.Dispose();
    }
}
