using System.Security.Cryptography;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Feedback;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// The panel's conversation with one reader on its bus, strict by default. The poll loop asks for the next packet,
/// sends it, and hands back the reply (or says none came). In between, this class decides everything: ID and CAP on
/// (re)connection; the Secure Channel handshake on the reader's key (SCBK-D only during an operator's install mode, and
/// then only to give it a fresh key of its own); then POLL, with LED, BUZ and TEXT in their place, and LSTAT once per
/// connection. A reader configured for Secure Channel is never polled in plaintext, a PDCAP claiming it cannot do it
/// raises <c>alarm.reader_downgrade</c> and changes nothing, a cryptogram from another key raises
/// <c>alarm.reader_key_mismatch</c> and the panel keeps its key. Replies that do not verify are counted and dropped,
/// never acted on.
/// </summary>
public sealed partial class OsdpReaderSession
{
    private const byte PollCode = 0x60;
    private const byte IdCode = 0x61;
    private const byte CapCode = 0x62;
    private const byte LocalStatusCode = 0x64;
    private const byte KeySetCode = 0x75;
    private const byte AckCode = 0x40;
    private const byte LocalStatusReplyCode = 0x48;

    private readonly OsdpReaderProfile _profile;
    private readonly IOsdpKeyStore _keys;
    private readonly IOsdpReaderInput _input;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly OsdpTiming _timing;
    private readonly Func<int, byte[]> _random;
    private readonly Lock _gate = new();

    private Step _step = Step.Identify;
    private OsdpReaderState _state = OsdpReaderState.Offline;
    private bool _offlineRaised;
    private byte _sequence;
    private bool _resetSequence = true;
    private byte[]? _inFlight;
    private byte _inFlightCode;
    private bool _roundDone;
    private int _attempts;
    private long _notBefore;
    private OsdpHandshake? _handshake;
    private OsdpFrame? _serverCryptogram;
    private bool _handshakeOnDefaultKey;
    private OsdpSecureSession? _secure;
    private bool _polled;
    private bool _statusAsked;
    private bool _tamper;
    private bool _powerFault;
    private bool _downgradeRaised;
    private bool _mismatchRaised;
    private bool _ownKeyRefused;
    private long? _installUntil;
    private byte[]? _newKey;
    private (LedColor Led, bool Beep) _shown = (LedColor.Red, false);
    private (LedColor Led, bool Beep)? _ledSent;
    private bool? _beepSent;
    private OsdpTextCommand? _text;

    public OsdpReaderSession(
        OsdpReaderProfile profile, IOsdpKeyStore keys, IOsdpReaderInput input, IEventPort events, TimeProvider time,
        OsdpTiming? timing = null, Func<int, byte[]>? random = null)
    {
        _profile = profile;
        _keys = keys;
        _input = input;
        _events = events;
        _time = time;
        _timing = timing ?? OsdpTiming.Default;
        _random = random ?? RandomNumberGenerator.GetBytes;
    }

    private enum Step
    {
        Identify,
        Capabilities,
        Challenge,
        Prove,
        Online,
    }

    public OsdpReaderProfile Profile => _profile;

    public byte Address => _profile.Address;

    public OsdpReaderCounters Counters { get; } = new();

    public OsdpDeviceIdentity? Identity { get; private set; }

    public OsdpCapabilities? Capabilities { get; private set; }

    public OsdpReaderState State
    {
        get
        {
            lock (_gate)
                return _state;
        }
    }

    /// <summary>Raised (on any thread) when there is something to send before the next round is due.</summary>
    public event Action? Wake;

    /// <summary>The LED colour and beeper state the reader should show; sent as LED and BUZ while online.</summary>
    public void Show(LedColor led, bool beep)
    {
        lock (_gate)
            _shown = (led, beep);
        Wake?.Invoke();
    }

    /// <summary>Text for the reader's display (printable ASCII; see <see cref="OsdpTextCommand"/>).</summary>
    public void ShowText(OsdpTextCommand text)
    {
        lock (_gate)
            _text = text;
        Wake?.Invoke();
    }

    /// <summary>
    /// Whether this reader has had its turn in the current round: its POLL was answered, or an exchange failed. Until
    /// then the loop goes on with it, so an LED or buzzer command, a handshake step or LSTAT goes out in the same round
    /// as the POLL instead of taking its place: every reader is polled every round.
    /// </summary>
    public bool RoundDone
    {
        get
        {
            lock (_gate)
                return _roundDone;
        }
    }

    /// <summary>The loop starts a round: every reader gets its turn again.</summary>
    public void StartRound()
    {
        lock (_gate)
            _roundDone = false;
    }

    /// <summary>
    /// The next packet to send (with its 0xFF mark), or null when this reader is not due yet. A packet that went
    /// unanswered is sent again byte for byte (same sequence number), so a reader that did receive it answers from its
    /// cache and never acts twice.
    /// </summary>
    public byte[]? NextPacket()
    {
        List<DomainEvent> events = [];
        byte[]? packet;
        lock (_gate)
        {
            if (_installUntil is { } until && _time.GetTimestamp() >= until)
                EndInstallLocked("expired", events);
            packet = NextPacketLocked();
        }
        EmitAll(events);
        return packet;
    }

    private byte[]? NextPacketLocked()
    {
        if (_inFlight is not null)
        {
            _attempts++;
            _roundDone = _inFlightCode == PollCode;
            return _inFlight;
        }
        if (_time.GetTimestamp() < _notBefore)
            return null;
        var command = NextCommand();
        _sequence = _resetSequence ? (byte)0 : (byte)(_sequence % 3 + 1);
        _resetSequence = false;
        var frame = command with { Address = _profile.Address, Sequence = _sequence };
        _inFlight = _secure is not null && _step == Step.Online ? _secure.Seal(frame) : OsdpFrameCodec.Encode(frame);
        _inFlightCode = command.Code;
        _attempts = 1;
        if (command.Code == PollCode)
        {
            Counters.Polled();
            _roundDone = true;
        }
        return _inFlight;
    }

    /// <summary>The command in flight got no reply in time (or a reply that was not for it).</summary>
    public void NoReply()
    {
        List<DomainEvent> events = [];
        lock (_gate)
        {
            Counters.TimedOut();
            _roundDone = true;
            // An offline reader is tried once per retry, so a dead address costs the bus one timeout, not three.
            var attempts = _offlineRaised ? 1 : _timing.Attempts;
            if (_attempts < attempts)
                return;
            _inFlight = null;
            Disconnect(Step.Identify);
            _state = OsdpReaderState.Offline;
            BackOff(_timing.OfflineRetry);
            if (!_offlineRaised)
            {
                _offlineRaised = true;
                var problem = $"no reply to {OsdpCodes.Name(_inFlightCode, false)} after {_attempts} attempts";
                Counters.Problem(problem);
                events.Add(Alarm(AlarmKind.ReaderOffline, true, problem));
            }
        }
        EmitAll(events);
    }

    /// <summary>A reply from this reader's address arrived; false when it does not answer the command in flight (a
    /// late reply to an earlier one, or a forged one), and the loop goes on waiting.</summary>
    public bool OnReply(OsdpFrame reply)
    {
        List<DomainEvent> events = [];
        Action? deliver = null;
        lock (_gate)
        {
            if (_inFlight is null)
                return false;
            if (reply.Sequence != _sequence)
            {
                Counters.SequenceError();
                return false;
            }
            Counters.Seen(_time.GetUtcNow());
            _inFlight = null;
            if (_offlineRaised)
            {
                _offlineRaised = false;
                events.Add(Alarm(AlarmKind.ReaderOffline, false));
            }
            deliver = Handle(reply, events);
        }
        EmitAll(events);
        deliver?.Invoke();
        return true;
    }

    private Action? Handle(OsdpFrame reply, List<DomainEvent> events)
    {
        switch (_step)
        {
            case Step.Identify:
                if (reply.Code == 0x45)
                    Identity = OsdpDeviceIdentity.Parse(reply.Data, out _);
                _state = OsdpReaderState.Identifying;
                _step = Step.Capabilities;
                return null;
            case Step.Capabilities:
                OnCapabilities(reply, events);
                return null;
            case Step.Challenge:
                OnClientCryptogram(reply, events);
                return null;
            case Step.Prove:
                OnInitialReplyMac(reply, events);
                return null;
            default:
                return OnOnlineReply(reply, events);
        }
    }

    /// <summary>Drops the session and starts again from ID with sequence 0 (which resets the reader's side too).</summary>
    private void RestartLater(TimeSpan delay)
    {
        Disconnect(Step.Identify);
        BackOff(delay);
    }

    private void Disconnect(Step next)
    {
        _secure = null;
        _handshake = null;
        _serverCryptogram = null;
        _newKey = null;
        _step = next;
        _resetSequence = true;
        if (_state == OsdpReaderState.Online)
            _state = OsdpReaderState.Identifying;
    }

    private void BackOff(TimeSpan delay) =>
        _notBefore = _time.GetTimestamp() + (long)(delay.TotalSeconds * _time.TimestampFrequency);

    private AlarmEvent Alarm(AlarmKind kind, bool active, string? detail = null) =>
        new(_time.GetUtcNow(), _profile.Door, kind, active, _profile.Reader.Value, active ? detail : null);

    private void EmitAll(List<DomainEvent> events)
    {
        foreach (var e in events)
            _events.Emit(e);
    }
}
