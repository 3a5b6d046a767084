namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>Security block types (SIA OSDP v2.2, Annex D): the handshake (SCS_11 … SCS_14) and the Secure Channel
/// frames (SCS_15 … SCS_18: with a MAC; 17 and 18 also with encrypted data).</summary>
public static class OsdpSecurityBlock
{
    public const byte BeginSession = 0x11;
    public const byte ClientCryptogram = 0x12;
    public const byte ServerCryptogram = 0x13;
    public const byte InitialRMac = 0x14;
    public const byte CommandMacData = 0x15;
    public const byte ReplyMacData = 0x16;
    public const byte CommandMacEncryptedData = 0x17;
    public const byte ReplyMacEncryptedData = 0x18;
}
