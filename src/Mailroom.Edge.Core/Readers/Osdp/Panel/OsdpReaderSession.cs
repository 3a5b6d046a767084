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
public sealed class OsdpReaderSession
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

    /// <summary>Whether install mode is on (the default key is allowed until it ends).</summary>
    public bool Installing
    {
        get
        {
            lock (_gate)
                return _installUntil is not null;
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
    /// An operator allows the default key SCBK-D for <paramref name="duration"/>: a reader that cannot start a session on
    /// its own key is tried on SCBK-D and, once in that session, immediately given a fresh random key of its own.
    /// </summary>
    public void BeginInstall(TimeSpan duration, string? by)
    {
        DateTimeOffset until;
        List<DomainEvent> events = [];
        lock (_gate)
        {
            _installUntil = _time.GetTimestamp() + (long)(duration.TotalSeconds * _time.TimestampFrequency);
            until = _time.GetUtcNow() + duration;
            _notBefore = 0;
            events.Add(new ReaderInstallEvent(_time.GetUtcNow(), _profile.Door, _profile.Reader, "started", Until: until, By: by));
            // A reader in a session on its own key has nothing to install: the window closes at once.
            if (_step == Step.Online && _secure is not null && !_handshakeOnDefaultKey)
                EndInstallLocked("already_keyed", events);
        }
        EmitAll(events);
        Wake?.Invoke();
    }

    /// <summary>Ends install mode before its time (an operator's cancel or the service stopping).</summary>
    public void CancelInstall() => EndInstall("cancelled");

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
        lock (_gate)
        {
            if (_installUntil is { } until && _time.GetTimestamp() >= until)
                EndInstallLocked("expired");
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
                events.Add(Alarm(AlarmKind.ReaderOffline, true, $"no reply to {OsdpCodes.Name(_inFlightCode, false)} after {_attempts} attempts"));
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

    private OsdpFrame NextCommand()
    {
        switch (_step)
        {
            case Step.Identify:
                return Command(IdCode, [0x00]);
            case Step.Capabilities:
                return Command(CapCode, [0x00]);
            case Step.Challenge:
                return _handshake!.Challenge(_profile.Address);
            case Step.Prove:
                return _serverCryptogram!;
            default:
                if (_newKey is not null)
                    return Command(KeySetCode, [0x01, (byte)_newKey.Length, .. _newKey]);
                if (!_polled)
                {
                    _polled = true;
                    return Command(PollCode, []);
                }
                if (!_statusAsked)
                {
                    _statusAsked = true;
                    return Command(LocalStatusCode, []);
                }
                if (_ledSent != _shown)
                {
                    _ledSent = _shown;
                    var colour = _shown.Led switch { LedColor.Green => OsdpColor.Green, LedColor.Red => OsdpColor.Red, _ => OsdpColor.Black };
                    var steady = new OsdpLedSetting(0x01, 1, 0, colour, OsdpColor.Black);
                    return Command(OsdpLedCommand.Code, new OsdpLedCommand(0, 0, OsdpLedSetting.Unchanged, 0, steady).Encode());
                }
                if (_beepSent != _shown.Beep)
                {
                    _beepSent = _shown.Beep;
                    // Tone 2 is the reader's default tone, on continuously (count 0) until tone 1 (off) replaces it.
                    var buzzer = _shown.Beep ? new OsdpBuzzerCommand(0, 2, 1, 0, 0) : new OsdpBuzzerCommand(0, 1, 0, 0, 0);
                    return Command(OsdpBuzzerCommand.Code, buzzer.Encode());
                }
                if (_text is { } text)
                {
                    _text = null;
                    return Command(OsdpTextCommand.Code, text.Encode());
                }
                return Command(PollCode, []);
        }
    }

    private static OsdpFrame Command(byte code, byte[] data) => new(0, false, 0, true, code, data);

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

    private void OnCapabilities(OsdpFrame reply, List<DomainEvent> events)
    {
        if (reply.Code == 0x46)
            Capabilities = OsdpCapabilities.Parse(reply.Data, out _);
        if (_profile.Security == OsdpSecurity.None)
        {
            GoOnline();
            return;
        }
        if (Capabilities is not { SecureChannel: true } && !_downgradeRaised)
        {
            // Believing it would mean talking in plaintext: the claim is recorded, and the handshake goes ahead anyway.
            _downgradeRaised = true;
            events.Add(Alarm(AlarmKind.ReaderDowngrade, true, "PDCAP does not claim Secure Channel; it is not believed"));
        }
        StartHandshake(resetSequence: true);
    }

    /// <summary>Prepares the CHLNG. A new session starts on sequence 0, which also resets the reader's side (as the
    /// captured panel does); a retry on the default key within the same exchange goes on counting.</summary>
    private void StartHandshake(bool resetSequence)
    {
        var key = _keys.Find(_profile.KeyName);
        // SCBK-D only in install mode, for a reader with no key yet or one that just refused ours.
        var useDefault = key is null || _ownKeyRefused;
        if (useDefault && _installUntil is null)
        {
            if (key is null)
            {
                // No key and no install mode: nothing safe to say to it. It is asked for its ID now and then, so it is
                // still supervised (offline is still an alarm).
                _state = OsdpReaderState.AwaitingInstall;
                _step = Step.Identify;
                BackOff(_timing.HandshakeRetry);
                return;
            }
            useDefault = false;
        }
        _handshakeOnDefaultKey = useDefault;
        _handshake = new OsdpHandshake(useDefault ? OsdpSecureChannelCrypto.DefaultBaseKey : key, useDefault, _random(8));
        _state = OsdpReaderState.Handshaking;
        _step = Step.Challenge;
        _resetSequence |= resetSequence;
    }

    private void OnClientCryptogram(OsdpFrame reply, List<DomainEvent> events)
    {
        if (reply.Code == OsdpNak.Code)
        {
            RefuseSession(reply);
            return;
        }
        _serverCryptogram = _handshake!.Answer(reply, out var problem, out var mismatch);
        if (_serverCryptogram is not null)
        {
            _step = Step.Prove;
            return;
        }
        if (mismatch && _installUntil is not null && !_handshakeOnDefaultKey)
        {
            // Install mode: the reader does not hold our key; it may be a new reader on SCBK-D. Try that next.
            _ownKeyRefused = true;
            StartHandshake(resetSequence: false);
            return;
        }
        if (mismatch && !_mismatchRaised)
        {
            _mismatchRaised = true;
            events.Add(Alarm(AlarmKind.ReaderKeyMismatch, true, problem));
        }
        _state = mismatch ? OsdpReaderState.KeyMismatch : OsdpReaderState.Refused;
        RestartLater(_timing.HandshakeRetry);
    }

    private void OnInitialReplyMac(OsdpFrame reply, List<DomainEvent> events)
    {
        if (reply.Code == OsdpNak.Code)
        {
            RefuseSession(reply);
            return;
        }
        _secure = _handshake!.Finish(reply, out _);
        _handshake = null;
        if (_secure is null)
        {
            Counters.MacError();
            _state = OsdpReaderState.Refused;
            RestartLater(_timing.HandshakeRetry);
            return;
        }
        Counters.Handshake();
        if (_downgradeRaised)
        {
            _downgradeRaised = false;
            events.Add(Alarm(AlarmKind.ReaderDowngrade, false));
        }
        if (_mismatchRaised && !_handshakeOnDefaultKey)
        {
            _mismatchRaised = false;
            events.Add(Alarm(AlarmKind.ReaderKeyMismatch, false));
        }
        _ownKeyRefused = false;
        if (!_handshakeOnDefaultKey && _installUntil is not null)
        {
            // It already holds its own key: the install window closes at once rather than stay open for nothing.
            EndInstallLocked("already_keyed", events);
        }
        if (_handshakeOnDefaultKey)
        {
            // A session on the well-known default key is good for one thing: giving the reader a key of its own. Stored
            // first, so a reader is never keyed with a key the panel could lose.
            var newKey = _random(OsdpSecureChannelCrypto.BlockSize);
            try
            {
                _keys.Save(_profile.KeyName, newKey);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // No key is given that is not safely stored; install mode stays on and tries again.
                _state = OsdpReaderState.Refused;
                RestartLater(_timing.HandshakeRetry);
                return;
            }
            _newKey = newKey;
        }
        GoOnline();
    }

    private Action? OnOnlineReply(OsdpFrame reply, List<DomainEvent> events)
    {
        var data = reply.Data;
        if (_secure is not null)
        {
            if (_secure.Open(reply, out var problem) is not { } opened)
            {
                if (reply.SecurityType is null)
                    Counters.PlaintextRefused();
                else
                    Counters.MacError();
                // Whatever it was, it was not our session's reply; the session is started again from the top.
                _ = problem;
                RestartLater(TimeSpan.Zero);
                return null;
            }
            data = opened;
        }
        else if (_profile.Security == OsdpSecurity.SecureChannel || reply.SecurityType is not null)
        {
            Counters.PlaintextRefused();
            RestartLater(TimeSpan.Zero);
            return null;
        }
        switch (reply.Code)
        {
            case OsdpNak.Code:
                var nak = OsdpNak.Parse(data)?.Error ?? 0;
                Counters.Nak(nak);
                // 5 and 6: the reader has no session with us any more (it restarted, or dropped it): start again.
                if (nak is 5 or 6)
                    RestartLater(TimeSpan.Zero);
                else if (_inFlightCode == KeySetCode)
                    RestartLater(_timing.HandshakeRetry);
                return null;
            case AckCode when _inFlightCode == KeySetCode:
                _newKey = null;
                events.Add(new ReaderInstallEvent(_time.GetUtcNow(), _profile.Door, _profile.Reader, "keyed"));
                EndInstallLocked("keyed", events);
                // The new key takes effect from the next session, which starts at once.
                Disconnect(Step.Identify);
                StartHandshake(resetSequence: true);
                return null;
            case LocalStatusReplyCode:
                OnLocalStatus(data, events);
                return null;
            case 0x50 when !_handshakeOnDefaultKey:
                return OsdpCardRead.Parse(data, out _) is { } read ? () => _input.CardRead(read) : null;
            case 0x53 when !_handshakeOnDefaultKey:
                return OsdpKeypadData.Parse(data, out _) is { } keys ? () => _input.KeysPressed(keys.Keys) : null;
            default:
                return null;
        }
    }

    private void OnLocalStatus(byte[] data, List<DomainEvent> events)
    {
        if (data.Length < 2)
            return;
        if (data[0] != 0 != _tamper)
        {
            _tamper = data[0] != 0;
            events.Add(Alarm(AlarmKind.ReaderTamper, _tamper));
        }
        if (data[1] != 0 != _powerFault)
        {
            _powerFault = data[1] != 0;
            events.Add(Alarm(AlarmKind.ReaderPower, _powerFault));
        }
    }

    private void RefuseSession(OsdpFrame nak)
    {
        Counters.Nak(OsdpNak.Parse(nak.Data)?.Error ?? 0);
        _state = OsdpReaderState.Refused;
        RestartLater(_timing.HandshakeRetry);
    }

    private void GoOnline()
    {
        _state = OsdpReaderState.Online;
        _step = Step.Online;
        _polled = false;
        _statusAsked = false;
        _ledSent = null;
        _beepSent = null;
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

    private void EndInstall(string outcome)
    {
        List<DomainEvent> events = [];
        lock (_gate)
            EndInstallLocked(outcome, events);
        EmitAll(events);
    }

    private void EndInstallLocked(string outcome)
    {
        List<DomainEvent> events = [];
        EndInstallLocked(outcome, events);
        EmitAll(events);
    }

    private void EndInstallLocked(string outcome, List<DomainEvent> events)
    {
        if (_installUntil is null)
            return;
        _installUntil = null;
        events.Add(new ReaderInstallEvent(_time.GetUtcNow(), _profile.Door, _profile.Reader, "ended", outcome));
        if (_handshakeOnDefaultKey && _step == Step.Online)
        {
            // Still on the default key when install mode ends: that session must not outlive it.
            RestartLater(TimeSpan.Zero);
        }
    }

    private AlarmEvent Alarm(AlarmKind kind, bool active, string? detail = null) =>
        new(_time.GetUtcNow(), _profile.Door, kind, active, _profile.Reader.Value, active ? detail : null);

    private void EmitAll(List<DomainEvent> events)
    {
        foreach (var e in events)
            _events.Emit(e);
    }
}
