using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// One simulated OSDP reader (a PD, SIA OSDP v2.2) at one address, for testing the panel end to end and for the demo.
/// It behaves as the reader of the captures in the tests' Vectors/golden did (libosdp's PD): replies carry the
/// command's sequence number and a CRC; sequence 0 resets the link and drops any session; a repeated sequence number
/// gets the previous reply again byte for byte without the command being run twice; any other sequence than the next
/// gets NAK 4. Secure Channel as Annex D, with install mode (SCBK-D) and KEYSET. Pure: no I/O, no clock.
/// <see cref="Handle"/> is called from one pump thread, the test actions from others: everything runs under one lock.
/// </summary>
public sealed class OsdpReaderSimulator
{
    private readonly Lock _gate = new();
    private readonly OsdpReaderSimulatorOptions _options;
    private readonly OsdpReaderDevice _device;
    private readonly OsdpReaderSecureChannel _secure = new();
    private OsdpReaderMisbehaviour _misbehaviour = OsdpReaderMisbehaviour.None;
    private byte[]? _baseKey;
    private bool _installMode;
    private byte? _lastSequence;
    private (byte Code, byte[] Bytes)? _lastReply;
    private long _replies, _commands, _badPackets, _macFailures, _sessions, _repeated;

    public OsdpReaderSimulator(OsdpReaderSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Address >= OsdpFrame.Broadcast)
            throw new ArgumentOutOfRangeException(nameof(options), $"address {options.Address}: a reader has 0 to 126");
        if (options.BaseKey is { Length: not 16 })
            throw new ArgumentException($"the base key has 16 bytes, not {options.BaseKey.Length}", nameof(options));
        if (options.ClientUid.Length != 8)
            throw new ArgumentException($"the client UID has 8 bytes, not {options.ClientUid.Length}", nameof(options));
        _options = options;
        _device = new OsdpReaderDevice(options);
        _baseKey = options.BaseKey?.ToArray();
        _installMode = options.InstallMode;
    }

    public byte Address => _options.Address;

    /// <summary>The faults it shows from now on (<see cref="OsdpReaderMisbehaviour.None"/> for none).</summary>
    public OsdpReaderMisbehaviour Misbehaviour
    {
        get { lock (_gate) return _misbehaviour; }
        set { lock (_gate) _misbehaviour = value ?? throw new ArgumentNullException(nameof(value)); }
    }

    /// <summary>The base key it holds now (a copy), null when it has none; KEYSET changes it.</summary>
    public byte[]? BaseKey { get { lock (_gate) return _baseKey?.ToArray(); } }

    public bool InstallMode { get { lock (_gate) return _installMode; } }

    public bool SessionActive { get { lock (_gate) return _secure.IsActive; } }

    /// <summary>Packets addressed to it (or broadcast) that it took as commands.</summary>
    public long Commands { get { lock (_gate) return _commands; } }

    /// <summary>Packets it could not read (bad check characters, impossible length).</summary>
    public long BadPackets { get { lock (_gate) return _badPackets; } }

    /// <summary>Secure Channel commands whose MAC did not verify or whose data did not decrypt (each drops the session).</summary>
    public long MacFailures { get { lock (_gate) return _macFailures; } }

    /// <summary>Sessions established (handshakes that ended in RMAC_I).</summary>
    public long Sessions { get { lock (_gate) return _sessions; } }

    /// <summary>Commands that repeated the last sequence number and got the cached reply.</summary>
    public long RepeatedReplies { get { lock (_gate) return _repeated; } }

    public IReadOnlyList<OsdpLedCommand> LedCommands { get { lock (_gate) return [.. _device.Leds]; } }

    public IReadOnlyList<OsdpBuzzerCommand> BuzzerCommands { get { lock (_gate) return [.. _device.Buzzers]; } }

    public IReadOnlyList<OsdpTextCommand> TextCommands { get { lock (_gate) return [.. _device.Texts]; } }

    public IReadOnlyList<OsdpOutputCommand> OutputCommands { get { lock (_gate) return [.. _device.Outputs]; } }

    /// <summary>A card is presented: a RAW read (reader 0, Wiegand format) waits for the next POLL.</summary>
    public void PresentCard(WiegandBits bits)
    {
        lock (_gate)
            _device.PresentCard(new OsdpCardRead(0, 1, bits));
    }

    /// <summary>Keys are pressed ('0'–'9', '*', '#'): a KEYPAD reply waits for the next POLL.</summary>
    public void PressKeys(string keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length is 0 or > byte.MaxValue || keys.Any(c => c is not (>= '0' and <= '9' or '*' or '#')))
            throw new ArgumentException("1 to 255 keys, each '0'–'9', '*' or '#'", nameof(keys));
        lock (_gate)
            _device.PressKeys(new OsdpKeypadData(0, keys));
    }

    /// <summary>The tamper switch; a change queues an LSTATR for the next POLL.</summary>
    public void SetTamper(bool tampered)
    {
        lock (_gate)
            _device.SetTamper(tampered);
    }

    /// <summary>The power status; a change queues an LSTATR for the next POLL.</summary>
    public void SetPowerFault(bool fault)
    {
        lock (_gate)
            _device.SetPowerFault(fault);
    }

    /// <summary>
    /// One whole packet from the bus (from its SOM, without the mark). Returns the reply packet with its 0xFF mark, or
    /// null when the reader stays silent: the packet is for another address, is a reply, has bad check characters, or a
    /// misbehaviour swallows the reply.
    /// </summary>
    public byte[]? Handle(ReadOnlySpan<byte> packet) => Answer(packet)?.Bytes;

    /// <summary>As <see cref="Handle"/>, with whether the reply is to arrive late (the bus needs to know).</summary>
    internal OsdpSimulatedReply? Answer(ReadOnlySpan<byte> packet)
    {
        OsdpSimulatedReply? reply;
        byte code;
        lock (_gate)
        {
            var misbehaviour = _misbehaviour;
            if (misbehaviour.Silent)
                return null;
            var command = OsdpFrameCodec.Decode(packet, out _);
            if (command is null)
            {
                _badPackets++;
                return null;
            }
            if (command.IsReply || (command.Address != _options.Address && command.Address != OsdpFrame.Broadcast))
                return null;
            _commands++;
            code = command.Code;
            reply = Deliver(Reply(command, packet), misbehaviour);
        }
        CommandHandled?.Invoke(code);
        return reply;
    }

    /// <summary>Raised (on the bus's thread, outside the reader's lock) after each command addressed to this reader was
    /// handled, with its code: tests await an LED or a buzzer command on it instead of polling.</summary>
    public event Action<byte>? CommandHandled;

    // The link layer (§5.7): sequence 0 resets, a repeat gets the cached reply, anything but the next number is refused.
    // The refusal goes in plaintext and drops any session: its command was not checked, so no MAC can follow from it, and
    // a plaintext NAK is how a panel learns the reader left the session.
    private byte[] Reply(OsdpFrame command, ReadOnlySpan<byte> packet)
    {
        if (command.Sequence == 0)
        {
            _lastReply = null;
            _secure.Drop();
        }
        else if (command.Sequence == _lastSequence && _lastReply is { } cached && cached.Code == command.Code)
        {
            _repeated++;
            return cached.Bytes;
        }
        else if (_lastSequence is not { } last || command.Sequence != last % 3 + 1)
        {
            _secure.Drop();
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.UnexpectedSequence));
        }
        _lastSequence = command.Sequence;
        var reply = Process(command, packet);
        _lastReply = (command.Code, reply);
        return reply;
    }

    private byte[] Process(OsdpFrame command, ReadOnlySpan<byte> packet)
    {
        if (command.Code == OsdpCodes.Challenge)
            return Challenge(command);
        if (command.Code == OsdpCodes.ServerCryptogram)
            return ServerCryptogram(command);
        byte[] data;
        if (command.SecurityType is null)
        {
            // A plaintext command inside a session ends it (libosdp's reader refuses it with NAK 6 the same way).
            if (_secure.IsActive)
            {
                _secure.Drop();
                return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
            }
            if (_options.EnforceSecure && _baseKey is not null && command.Code is not (OsdpCodes.Id or OsdpCodes.Capabilities))
                return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
            data = command.Data;
        }
        else if (_secure.IsActive && command.SecurityType is OsdpSecurityBlock.CommandMacData or OsdpSecurityBlock.CommandMacEncryptedData)
        {
            if (_secure.Open(command, packet) is not { } opened)
            {
                _macFailures++;
                _secure.Drop();
                return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
            }
            data = opened;
        }
        else
        {
            _secure.Drop();
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
        }
        return command.Code == OsdpCodes.KeySet ? KeySet(command, data) : Frame(command, _device.Execute(command.Code, data, _misbehaviour.DowngradedCapabilities));
    }

    // CHLNG (Annex D.3): SCB data 1 asks for SCBK, 0 for SCBK-D, which only a reader in install mode accepts. A reader
    // asked for a key it does not hold answers anyway, with the key it has and says which in CCRYPT; with none at all
    // it uses the all-zero key, as the install capture's reader did (its first CCRYPT does not verify on SCBK).
    private byte[] Challenge(OsdpFrame command)
    {
        _secure.Drop();
        if (!_options.Capabilities.SecureChannel)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.SecurityBlockNotSupported));
        if (command.SecurityType != OsdpSecurityBlock.BeginSession || command.SecurityData.Length != 1)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
        if (command.Data.Length != 8)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.CommandLengthError));
        var useDefaultKey = command.SecurityData[0] == 0 && _installMode;
        var key = useDefaultKey ? OsdpSecureChannelCrypto.DefaultBaseKey : _baseKey ?? new byte[16];
        var readerRandom = _options.RandomBytes(8);
        var data = _secure.Begin(key, command.Data, readerRandom, _options.ClientUid);
        return OsdpFrameCodec.Encode(ReplyFrame(command, new(OsdpCodes.ClientCryptogram, data)) with
        {
            SecurityType = OsdpSecurityBlock.ClientCryptogram,
            SecurityData = [useDefaultKey ? (byte)0 : (byte)1],
        });
    }

    // SCRYPT: a cryptogram that does not verify gets NAK 5 and no session, as libosdp's reader answers (the
    // specification's alternative, RMAC_I with SCB data 0xFF, is not what the captured reader does).
    private byte[] ServerCryptogram(OsdpFrame command)
    {
        if (!_options.Capabilities.SecureChannel)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.SecurityBlockNotSupported));
        if (command.SecurityType != OsdpSecurityBlock.ServerCryptogram || !_secure.IsAwaitingServerCryptogram)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
        if (command.Data.Length != 16)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.CommandLengthError));
        if (_secure.Complete(command.Data) is not { } initialMac)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.SecurityBlockNotSupported));
        _sessions++;
        return OsdpFrameCodec.Encode(ReplyFrame(command, new(OsdpCodes.InitialRMac, initialMac)) with
        {
            SecurityType = OsdpSecurityBlock.InitialRMac,
            SecurityData = [1],
        });
    }

    // KEYSET (§6.19): only inside a session. The ACK still goes sealed in the old session, which then ends: the new
    // key is for the next session (libosdp's reader drops the session the same way; the capture's panel re-handshakes).
    private byte[] KeySet(OsdpFrame command, byte[] data)
    {
        if (!_secure.IsActive)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.EncryptedCommunicationRequired));
        if (data.Length != 18)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.CommandLengthError));
        if (data[0] != 1 || data[1] != 16)
            return Frame(command, OsdpReaderReply.Nak(OsdpNak.UnableToProcess));
        var ack = Frame(command, OsdpReaderReply.Ack);
        _baseKey = data[2..];
        _installMode = false;
        _secure.Drop();
        return ack;
    }

    // Its own address even to a broadcast, as the specification asks (a scan learns the address that way).
    private OsdpFrame ReplyFrame(OsdpFrame command, OsdpReaderReply reply) =>
        new(_options.Address, IsReply: true, command.Sequence, UseCrc: true, reply.Code, reply.Data);

    private byte[] Frame(OsdpFrame command, OsdpReaderReply reply)
    {
        var frame = ReplyFrame(command, reply);
        return _secure.IsActive ? _secure.Seal(frame) : OsdpFrameCodec.Encode(frame);
    }

    // Faults happen on the way out, after the reply was cached: what the reader meant to send is what a repeat gets.
    private OsdpSimulatedReply? Deliver(byte[] reply, OsdpReaderMisbehaviour misbehaviour)
    {
        _replies++;
        if (misbehaviour.DropEveryNthReply > 0 && _replies % misbehaviour.DropEveryNthReply == 0)
            return null;
        if (misbehaviour.AnswerAsAddress is not null || misbehaviour.WrongReplyMac || misbehaviour.CorruptReplyCheck)
            reply = Distort(reply, misbehaviour);
        return new OsdpSimulatedReply(reply, misbehaviour.LateReplies);
    }

    private static byte[] Distort(byte[] reply, OsdpReaderMisbehaviour misbehaviour)
    {
        var frame = OsdpFrameCodec.Decode(reply.AsSpan(1), out _)!;
        if (misbehaviour.AnswerAsAddress is { } other)
            frame = frame with { Address = other };
        if (misbehaviour.WrongReplyMac && frame.Mac is { } mac)
            frame = frame with { Mac = [.. mac.Select(b => (byte)~b)] };
        var bytes = OsdpFrameCodec.Encode(frame);
        if (misbehaviour.CorruptReplyCheck)
            bytes[^1] ^= 0xFF;
        return bytes;
    }
}
