namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// One OSDP packet (SIA OSDP v2.2, §5): to or from the reader at <see cref="Address"/> (0–126, 0x7F broadcast), with its
/// sequence number (0–3), check mode, optional security block (type and data, Annex D), command or reply code, data
/// (ciphertext when the security block says so) and, inside a Secure Channel, the 4-byte MAC.
/// </summary>
public sealed record OsdpFrame(byte Address, bool IsReply, byte Sequence, bool UseCrc, byte Code, byte[] Data)
{
    /// <summary>The broadcast address: every reader on the bus answers it (used by a scan).</summary>
    public const byte Broadcast = 0x7F;

    /// <summary>The security block's type (SCS_11 … SCS_18), or null without one.</summary>
    public byte? SecurityType { get; init; }

    /// <summary>The security block's data after its type (e.g. the key type in SCS_11), empty when it has none.</summary>
    public byte[] SecurityData { get; init; } = [];

    /// <summary>The truncated MAC of a Secure Channel frame (SCS_15 … SCS_18), or null.</summary>
    public byte[]? Mac { get; init; }
}
