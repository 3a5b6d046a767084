using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// The panel's side of starting a Secure Channel session (SIA OSDP v2.2, Annex D): CHLNG with a fresh RND.A; the
/// reader's CCRYPT must carry the client cryptogram only a holder of the same base key can make (otherwise the keys do
/// not match, and the panel stops there); SCRYPT with the server cryptogram; the reader's RMAC_I must carry the initial
/// reply MAC. Only then is there a <see cref="OsdpSecureSession"/>.
/// </summary>
public sealed class OsdpHandshake
{
    private const byte UsesSiteKey = 0x01;
    private const byte UsesDefaultKey = 0x00;
    private readonly byte[] _baseKey;
    private readonly bool _defaultKey;
    private readonly byte[] _panelRandom;
    private OsdpSessionKeys? _keys;
    private byte[] _serverCryptogram = [];

    /// <param name="baseKey">The reader's SCBK, or SCBK-D in install mode.</param>
    /// <param name="defaultKey">Whether <paramref name="baseKey"/> is SCBK-D (the CHLNG says which key is in use).</param>
    /// <param name="panelRandom">RND.A: 8 fresh random bytes (tests give the captured ones).</param>
    public OsdpHandshake(ReadOnlySpan<byte> baseKey, bool defaultKey, byte[] panelRandom)
    {
        if (baseKey.Length != OsdpSecureChannelCrypto.BlockSize)
            throw new ArgumentException("a Secure Channel base key has 16 bytes", nameof(baseKey));
        if (panelRandom.Length != 8)
            throw new ArgumentException("RND.A has 8 bytes", nameof(panelRandom));
        _baseKey = baseKey.ToArray();
        _defaultKey = defaultKey;
        _panelRandom = panelRandom;
    }

    private byte KeyType => _defaultKey ? UsesDefaultKey : UsesSiteKey;

    /// <summary>osdp_CHLNG (0x76) in an SCS_11 block naming the key in use.</summary>
    public OsdpFrame Challenge(byte address) =>
        new(address, false, 0, true, 0x76, _panelRandom) { SecurityType = OsdpSecurityBlock.BeginSession, SecurityData = [KeyType] };

    /// <summary>Checks the reader's CCRYPT; returns the SCRYPT to send, or null with the reason (a key mismatch when
    /// the cryptogram is wrong).</summary>
    public OsdpFrame? Answer(OsdpFrame reply, out string? problem, out bool keyMismatch)
    {
        problem = null;
        keyMismatch = false;
        if (reply.Code != 0x76 || reply.SecurityType != OsdpSecurityBlock.ClientCryptogram || reply.Data.Length != 32)
        {
            problem = $"expected CCRYPT, got {OsdpCodes.Name(reply.Code, true)}";
            return null;
        }
        var readerRandom = reply.Data.AsSpan(8, 8);
        _keys = OsdpSecureChannelCrypto.DeriveSessionKeys(_baseKey, _panelRandom);
        var expected = OsdpSecureChannelCrypto.ClientCryptogram(_keys, _panelRandom, readerRandom);
        if (!CryptographicOperations.FixedTimeEquals(expected, reply.Data.AsSpan(16, 16)))
        {
            keyMismatch = true;
            problem = "the reader's cryptogram does not match the key the panel holds for it";
            return null;
        }
        _serverCryptogram = OsdpSecureChannelCrypto.ServerCryptogram(_keys, _panelRandom, readerRandom);
        return new OsdpFrame(reply.Address, false, 0, true, 0x77, _serverCryptogram)
        {
            SecurityType = OsdpSecurityBlock.ServerCryptogram,
            SecurityData = [KeyType],
        };
    }

    /// <summary>Checks the reader's RMAC_I; returns the established session, or null with the reason.</summary>
    public OsdpSecureSession? Finish(OsdpFrame reply, out string? problem)
    {
        problem = null;
        if (_keys is null)
            throw new InvalidOperationException("the reader's cryptogram has not been checked");
        if (reply.Code != 0x78 || reply.SecurityType != OsdpSecurityBlock.InitialRMac || reply.Data.Length != 16)
        {
            problem = $"expected RMAC_I, got {OsdpCodes.Name(reply.Code, true)}";
            return null;
        }
        var expected = OsdpSecureChannelCrypto.InitialReplyMac(_keys, _serverCryptogram);
        if (!CryptographicOperations.FixedTimeEquals(expected, reply.Data))
        {
            problem = "the reader's initial reply MAC does not verify";
            return null;
        }
        return new OsdpSecureSession(_keys, expected);
    }
}
