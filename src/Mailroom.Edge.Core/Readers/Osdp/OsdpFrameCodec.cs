using System.Buffers.Binary;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// Writes and parses OSDP packets (SIA OSDP v2.2, §5): SOM 0x53, address (bit 7 set on replies), length (little
/// endian, the whole packet), control (bits 0–1 sequence, bit 2 CRC instead of checksum, bit 3 security block), the
/// optional security block (length, type, data), the code, the data, the MAC of a Secure Channel frame (4 bytes), and
/// the checksum (1 byte) or CRC (2 bytes, least significant first). A packet on the wire may be preceded by the 0xFF mark
/// byte, which is not part of it.
/// </summary>
public static class OsdpFrameCodec
{
    public const byte StartOfMessage = 0x53;
    public const byte Mark = 0xFF;

    /// <summary>The shortest packet: SOM, address, length (2), control, code, checksum.</summary>
    public const int MinimumLength = 7;

    private const byte ReplyFlag = 0x80;
    private const byte CrcFlag = 0x04;
    private const byte SecurityBlockFlag = 0x08;
    private const int MacLength = 4;

    /// <summary>The packet's bytes, with the 0xFF mark in front when <paramref name="mark"/> is true.</summary>
    public static byte[] Encode(OsdpFrame frame, bool mark = true)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Address > OsdpFrame.Broadcast)
            throw new ArgumentOutOfRangeException(nameof(frame), $"address {frame.Address} is above 127");
        if (frame.Sequence > 3)
            throw new ArgumentOutOfRangeException(nameof(frame), $"sequence {frame.Sequence} is above 3");
        var security = frame.SecurityType is null ? 0 : 2 + frame.SecurityData.Length;
        var mac = frame.Mac?.Length ?? 0;
        var length = 5 + security + 1 + frame.Data.Length + mac + (frame.UseCrc ? 2 : 1);
        var packet = new byte[length + (mark ? 1 : 0)];
        var span = packet.AsSpan(mark ? 1 : 0);
        if (mark)
            packet[0] = Mark;
        span[0] = StartOfMessage;
        span[1] = (byte)(frame.Address | (frame.IsReply ? ReplyFlag : 0));
        BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)length);
        span[4] = (byte)(frame.Sequence | (frame.UseCrc ? CrcFlag : 0) | (frame.SecurityType is null ? 0 : SecurityBlockFlag));
        var at = 5;
        if (frame.SecurityType is { } type)
        {
            span[at++] = (byte)security;
            span[at++] = type;
            frame.SecurityData.CopyTo(span[at..]);
            at += frame.SecurityData.Length;
        }
        span[at++] = frame.Code;
        frame.Data.CopyTo(span[at..]);
        at += frame.Data.Length;
        frame.Mac?.CopyTo(span[at..]);
        at += mac;
        if (frame.UseCrc)
            BinaryPrimitives.WriteUInt16LittleEndian(span[at..], OsdpCrc.Compute(span[..at]));
        else
            span[at] = OsdpChecksum.Compute(span[..at]);
        return packet;
    }

    /// <summary>
    /// Parses one whole packet (starting at its SOM, exactly its length). Returns null with <paramref name="problem"/>
    /// set when the bytes are not a valid packet: wrong start, length, check, or a security block that does not fit.
    /// </summary>
    public static OsdpFrame? Decode(ReadOnlySpan<byte> packet, out string? problem)
    {
        problem = null;
        if (packet.Length < MinimumLength || packet[0] != StartOfMessage)
            return Fail(out problem, "not a packet: too short or no start of message");
        var length = BinaryPrimitives.ReadUInt16LittleEndian(packet[2..]);
        if (length != packet.Length)
            return Fail(out problem, $"length field {length} does not match the {packet.Length} bytes");
        var control = packet[4];
        var useCrc = (control & CrcFlag) != 0;
        var checkLength = useCrc ? 2 : 1;
        var body = packet[..^checkLength];
        if (useCrc ? BinaryPrimitives.ReadUInt16LittleEndian(packet[^2..]) != OsdpCrc.Compute(body) : packet[^1] != OsdpChecksum.Compute(body))
            return Fail(out problem, useCrc ? "CRC error" : "checksum error");
        var at = 5;
        byte? securityType = null;
        byte[] securityData = [];
        if ((control & SecurityBlockFlag) != 0)
        {
            if (body.Length < at + 2)
                return Fail(out problem, "security block flagged but missing");
            var blockLength = body[at];
            if (blockLength < 2 || at + blockLength >= body.Length)
                return Fail(out problem, $"security block length {blockLength} does not fit the packet");
            securityType = body[at + 1];
            securityData = body.Slice(at + 2, blockLength - 2).ToArray();
            at += blockLength;
        }
        if (at >= body.Length)
            return Fail(out problem, "no command or reply code");
        var code = body[at++];
        var macLength = securityType is >= OsdpSecurityBlock.CommandMacData and <= OsdpSecurityBlock.ReplyMacEncryptedData ? MacLength : 0;
        if (body.Length - at < macLength)
            return Fail(out problem, "Secure Channel frame too short for its MAC");
        var data = body[at..^macLength].ToArray();
        return new OsdpFrame((byte)(packet[1] & ~ReplyFlag), (packet[1] & ReplyFlag) != 0, (byte)(control & 0x03), useCrc, code, data)
        {
            SecurityType = securityType,
            SecurityData = securityData,
            Mac = macLength == 0 ? null : body[^macLength..].ToArray(),
        };
    }

    private static OsdpFrame? Fail(out string? problem, string text)
    {
        problem = text;
        return null;
    }
}
