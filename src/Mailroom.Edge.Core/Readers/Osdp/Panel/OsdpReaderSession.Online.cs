using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Feedback;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

// Once online: what to send next (POLL first, LSTAT, the LED and buzzer, text) and what a reply means.
public sealed partial class OsdpReaderSession
{
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
                Counters.Problem(problem!);
                // Whatever it was, it was not our session's reply; the session is started again from the top.
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

    private void GoOnline()
    {
        _state = OsdpReaderState.Online;
        _step = Step.Online;
        _polled = false;
        _statusAsked = false;
        _ledSent = null;
        _beepSent = null;
    }
}
