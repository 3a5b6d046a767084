using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

// The Secure Channel handshake, strict: the key in use, the checks, and what a refusal or another key raises.
public sealed partial class OsdpReaderSession
{
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
        Counters.Problem(problem!);
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
        _secure = _handshake!.Finish(reply, out var problem);
        _handshake = null;
        if (_secure is null)
        {
            Counters.MacError();
            Counters.Problem(problem!);
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

    private void RefuseSession(OsdpFrame nak)
    {
        var refusal = OsdpNak.Parse(nak.Data) ?? new OsdpNak(0);
        Counters.Nak(refusal.Error);
        Counters.Problem($"the reader refused the Secure Channel session: {refusal.Reason}");
        _state = OsdpReaderState.Refused;
        RestartLater(_timing.HandshakeRetry);
    }
}
