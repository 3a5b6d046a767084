using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// One established Secure Channel session with a reader, panel side: seals each command (data encrypted with S-ENC,
/// MAC chained from the reader's last reply MAC) and opens each reply (its MAC must chain from the command's MAC). A
/// reply that does not verify is never believed: an old frame replayed, a frame from another session, a forged one.
/// </summary>
public sealed class OsdpSecureSession
{
    private const int MacOnWire = 4;
    private readonly OsdpSessionKeys _keys;
    private byte[] _lastReplyMac;
    private byte[] _lastCommandMac = [];

    public OsdpSecureSession(OsdpSessionKeys keys, byte[] initialReplyMac)
    {
        _keys = keys;
        _lastReplyMac = initialReplyMac;
    }

    /// <summary>The command's packet, with the 0xFF mark: SCS_17 with its data encrypted, or SCS_15 when it has none.</summary>
    public byte[] Seal(OsdpFrame command)
    {
        var encrypted = command.Data.Length > 0;
        var frame = command with
        {
            UseCrc = true,
            SecurityType = encrypted ? OsdpSecurityBlock.CommandMacEncryptedData : OsdpSecurityBlock.CommandMacData,
            SecurityData = [],
            Data = encrypted ? OsdpSecureChannelCrypto.Encrypt(_keys, command.Data, _lastReplyMac) : [],
            Mac = new byte[MacOnWire],
        };
        // The MAC covers the packet from SOM to the end of its data, length field included, so it is computed on the
        // packet as it will be sent (with a placeholder MAC of the right size), then written in.
        var draft = OsdpFrameCodec.Encode(frame, mark: false);
        _lastCommandMac = OsdpSecureChannelCrypto.Mac(_keys, draft.AsSpan(0, draft.Length - 2 - MacOnWire), _lastReplyMac);
        return OsdpFrameCodec.Encode(frame with { Mac = _lastCommandMac[..MacOnWire] });
    }

    /// <summary>
    /// The reply's plaintext data when its MAC chains from the command just sealed; null (with the reason) when it does not
    /// verify, carries no Secure Channel block, or its data does not decrypt. The chain only moves on a verified reply.
    /// </summary>
    public byte[]? Open(OsdpFrame reply, out string? problem)
    {
        problem = null;
        if (reply.SecurityType is not (OsdpSecurityBlock.ReplyMacData or OsdpSecurityBlock.ReplyMacEncryptedData) || reply.Mac is null)
        {
            problem = reply.SecurityType is null ? "plaintext reply inside a Secure Channel session" : $"security block 0x{reply.SecurityType:X2} where a reply MAC was due";
            return null;
        }
        var packet = OsdpFrameCodec.Encode(reply, mark: false);
        var check = reply.UseCrc ? 2 : 1;
        var mac = OsdpSecureChannelCrypto.Mac(_keys, packet.AsSpan(0, packet.Length - check - MacOnWire), _lastCommandMac);
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, MacOnWire), reply.Mac))
        {
            problem = "reply MAC does not verify";
            return null;
        }
        byte[]? data = reply.Data;
        if (reply.SecurityType == OsdpSecurityBlock.ReplyMacEncryptedData)
        {
            data = OsdpSecureChannelCrypto.Decrypt(_keys, reply.Data, _lastCommandMac);
            if (data is null)
            {
                problem = "reply data does not decrypt";
                return null;
            }
        }
        _lastReplyMac = mac;
        return data;
    }
}
