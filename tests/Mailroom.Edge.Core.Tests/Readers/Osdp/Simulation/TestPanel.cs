using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>
/// Just enough of a panel to drive a simulated reader: numbers its commands (0, 1, 2, 3, 1, …), runs the Secure Channel
/// handshake, seals commands and opens replies while a session is up. Not the agent's panel: a second, independent
/// reading of Annex D built only on <see cref="OsdpSecureChannelCrypto"/>.
/// </summary>
internal sealed class TestPanel(OsdpReaderSimulator reader, byte address)
{
    public static readonly byte[] PanelRandom = Convert.FromHexString("0102030405060708");

    private byte _sequence;
    private OsdpSessionKeys? _keys;
    private byte[] _lastReplyMac = [];
    private byte[] _lastCommandMac = [];

    public bool SessionActive => _keys is not null;

    /// <summary>A plaintext command with any address and sequence number, as on the wire (with the mark).</summary>
    public static byte[] Plaintext(byte address, byte sequence, byte code, params byte[] data) =>
        OsdpFrameCodec.Encode(new OsdpFrame(address, false, sequence, true, code, data));

    /// <summary>Whether the last sealed reply's MAC verified (null when it was not sealed).</summary>
    public bool? ReplyMacVerified { get; private set; }

    /// <summary>The next command's packet (without mark), sealed inside a session; moves the sequence on.</summary>
    public byte[] Command(byte code, byte[] data, byte? securityType = null, byte[]? securityData = null)
    {
        var frame = new OsdpFrame(address, false, _sequence, true, code, data) { SecurityType = securityType, SecurityData = securityData ?? [] };
        _sequence = (byte)(_sequence % 3 + 1);
        if (_keys is null || securityType is not null)
            return OsdpFrameCodec.Encode(frame, mark: false);
        frame = data.Length == 0
            ? frame with { SecurityType = OsdpSecurityBlock.CommandMacData, Mac = new byte[4] }
            : frame with { SecurityType = OsdpSecurityBlock.CommandMacEncryptedData, Data = OsdpSecureChannelCrypto.Encrypt(_keys, data, _lastReplyMac), Mac = new byte[4] };
        var unsigned = OsdpFrameCodec.Encode(frame, mark: false);
        _lastCommandMac = OsdpSecureChannelCrypto.Mac(_keys, unsigned.AsSpan(0, unsigned.Length - 6), _lastReplyMac);
        return OsdpFrameCodec.Encode(frame with { Mac = _lastCommandMac[..4] }, mark: false);
    }

    /// <summary>Sends a command; returns the reply with its data in plaintext, or null when none came.</summary>
    public OsdpFrame? Send(byte code, params byte[] data) => Open(reader.Handle(Command(code, data)));

    public OsdpFrame? Open(byte[]? reply)
    {
        ReplyMacVerified = null;
        if (reply is null)
            return null;
        var frame = OsdpFrameCodec.Decode(reply.AsSpan(1), out var problem) ?? throw new InvalidOperationException(problem);
        if (_keys is null || frame.Mac is null)
        {
            _keys = null; // a plaintext reply inside a session: the reader left it
            return frame;
        }
        var mac = OsdpSecureChannelCrypto.Mac(_keys, reply.AsSpan(1, reply.Length - 7), _lastCommandMac);
        ReplyMacVerified = mac.AsSpan(0, 4).SequenceEqual(frame.Mac);
        var previous = _lastCommandMac;
        _lastReplyMac = mac;
        return frame.SecurityType == OsdpSecurityBlock.ReplyMacEncryptedData
            ? frame with { Data = OsdpSecureChannelCrypto.Decrypt(_keys, frame.Data, previous) ?? throw new InvalidOperationException("reply does not decrypt") }
            : frame;
    }

    /// <summary>CHLNG, SCRYPT; true when the reader proved the key and answered RMAC_I with the expected R-MAC.</summary>
    public bool Handshake(ReadOnlySpan<byte> baseKey, byte keyType = 1, bool wrongServerCryptogram = false)
    {
        _keys = null;
        var ccrypt = Open(reader.Handle(Command(OsdpCodes.Challenge, PanelRandom, OsdpSecurityBlock.BeginSession, [keyType])));
        if (ccrypt is not { Code: OsdpCodes.ClientCryptogram, Data.Length: 32 })
            return false;
        var readerRandom = ccrypt.Data[8..16];
        var keys = OsdpSecureChannelCrypto.DeriveSessionKeys(baseKey, PanelRandom);
        if (!ccrypt.Data.AsSpan(16).SequenceEqual(OsdpSecureChannelCrypto.ClientCryptogram(keys, PanelRandom, readerRandom)))
            return false;
        var server = OsdpSecureChannelCrypto.ServerCryptogram(keys, PanelRandom, readerRandom);
        if (wrongServerCryptogram)
            server[0] ^= 1;
        var rmac = Open(reader.Handle(Command(OsdpCodes.ServerCryptogram, server, OsdpSecurityBlock.ServerCryptogram, [keyType])));
        if (rmac is not { Code: OsdpCodes.InitialRMac } || !rmac.Data.SequenceEqual(OsdpSecureChannelCrypto.InitialReplyMac(keys, server)))
            return false;
        (_keys, _lastReplyMac) = (keys, rmac.Data);
        return true;
    }
}
