using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// The reader's side of a Secure Channel (SIA OSDP v2.2, Annex D): the handshake (CHLNG → CCRYPT, SCRYPT → RMAC_I),
/// then every command's MAC checked and its data decrypted, every reply encrypted and MACed. The chain: a command's MAC
/// follows from the previous reply's full MAC (the first from the initial R-MAC), a reply's from its command's; data
/// is encrypted with the complement of that previous MAC as IV. Not thread-safe: the simulator calls it under its lock.
/// </summary>
internal sealed class OsdpReaderSecureChannel
{
    private const int MacLength = 4;

    private OsdpSessionKeys? _keys;
    private byte[] _panelRandom = [];
    private byte[] _readerRandom = [];
    private byte[] _lastReplyMac = [];
    private byte[] _lastCommandMac = [];

    /// <summary>A session is established: commands must come MACed.</summary>
    public bool IsActive { get; private set; }

    /// <summary>A challenge was answered and the panel's cryptogram is awaited.</summary>
    public bool IsAwaitingServerCryptogram => _keys is not null && !IsActive;

    /// <summary>Starts a handshake on <paramref name="baseKey"/>; returns CCRYPT's data: cUID ‖ RND.B ‖ client cryptogram.</summary>
    public byte[] Begin(ReadOnlySpan<byte> baseKey, byte[] panelRandom, byte[] readerRandom, ReadOnlySpan<byte> clientUid)
    {
        Drop();
        _keys = OsdpSecureChannelCrypto.DeriveSessionKeys(baseKey, panelRandom);
        (_panelRandom, _readerRandom) = (panelRandom, readerRandom);
        return [.. clientUid, .. readerRandom, .. OsdpSecureChannelCrypto.ClientCryptogram(_keys, panelRandom, readerRandom)];
    }

    /// <summary>Checks the panel's cryptogram; returns the initial R-MAC and opens the session, or null (and forgets
    /// the handshake) when the panel does not hold the key.</summary>
    public byte[]? Complete(ReadOnlySpan<byte> serverCryptogram)
    {
        var expected = OsdpSecureChannelCrypto.ServerCryptogram(_keys!, _panelRandom, _readerRandom);
        if (!CryptographicOperations.FixedTimeEquals(expected, serverCryptogram))
        {
            Drop();
            return null;
        }
        _lastReplyMac = OsdpSecureChannelCrypto.InitialReplyMac(_keys!, serverCryptogram);
        IsActive = true;
        return _lastReplyMac;
    }

    /// <summary>The command's data (decrypted for SCS_17, as sent for SCS_15), or null when its MAC does not verify or
    /// its data does not decrypt. <paramref name="packet"/> is the whole packet the MAC covers up to its data.</summary>
    public byte[]? Open(OsdpFrame command, ReadOnlySpan<byte> packet)
    {
        var macAt = packet.Length - (command.UseCrc ? 2 : 1) - MacLength;
        var mac = OsdpSecureChannelCrypto.Mac(_keys!, packet[..macAt], _lastReplyMac);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacLength), command.Mac))
            return null;
        var data = command.SecurityType == OsdpSecurityBlock.CommandMacEncryptedData
            ? OsdpSecureChannelCrypto.Decrypt(_keys!, command.Data, _lastReplyMac)
            : command.Data;
        if (data is not null)
            _lastCommandMac = mac;
        return data;
    }

    /// <summary>The reply's packet (with the mark): SCS_18 with its data encrypted, or SCS_16 when it has none, MACed.</summary>
    public byte[] Seal(OsdpFrame reply)
    {
        var encrypted = reply.Data.Length > 0;
        var frame = reply with
        {
            SecurityType = encrypted ? OsdpSecurityBlock.ReplyMacEncryptedData : OsdpSecurityBlock.ReplyMacData,
            SecurityData = [],
            Data = encrypted ? OsdpSecureChannelCrypto.Encrypt(_keys!, reply.Data, _lastCommandMac) : [],
            Mac = new byte[MacLength],
        };
        var unsigned = OsdpFrameCodec.Encode(frame, mark: false);
        _lastReplyMac = OsdpSecureChannelCrypto.Mac(_keys!, unsigned.AsSpan(0, unsigned.Length - (frame.UseCrc ? 2 : 1) - MacLength), _lastCommandMac);
        return OsdpFrameCodec.Encode(frame with { Mac = _lastReplyMac[..MacLength] });
    }

    /// <summary>Forgets the session and any handshake under way.</summary>
    public void Drop()
    {
        _keys = null;
        IsActive = false;
        _lastReplyMac = _lastCommandMac = [];
    }
}
