namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>A Secure Channel session's keys (S-ENC, S-MAC1, S-MAC2), derived anew for every session. Never logged.</summary>
public sealed record OsdpSessionKeys(byte[] Encryption, byte[] Mac1, byte[] Mac2)
{
    public override string ToString() => "OsdpSessionKeys { (not shown) }";
}
