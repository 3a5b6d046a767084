using Mailroom.Edge.Core.Readers.Osdp;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// A serial port that tells what passes through it, packet by packet: direction, address, sequence, command or reply
/// name, security block and size. Never the data: under Secure Channel it is ciphertext anyway, and in plaintext it may
/// be a card number or a PIN (what the session decoded is told separately, masked). For <c>osdp watch</c>.
/// </summary>
public sealed class TracingOsdpLink(IOsdpLink inner, Action<string> trace) : IOsdpLink
{
    private readonly OsdpFrameReader _replies = new();

    public string Port => inner.Port;

    public int Baud => inner.Baud;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var packet = bytes.Length > 0 && bytes[0] == OsdpFrameCodec.Mark ? bytes[1..] : bytes;
        if (OsdpFrameCodec.Decode(packet, out _) is { } frame)
            trace($"-> {Describe(frame)}");
        inner.Write(bytes);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var read = inner.Read(buffer, timeout);
        foreach (var result in _replies.Feed(buffer[..read]))
            trace(result.Frame is { } frame ? $"<- {Describe(frame)}" : $"<- bad packet: {result.Problem}");
        return read;
    }

    public void DiscardInput() => inner.DiscardInput();

    public void Dispose() => inner.Dispose();

    private static string Describe(OsdpFrame frame)
    {
        var security = frame.SecurityType is { } type ? $" SCS_{type:X2}" : "";
        var size = frame.Data.Length > 0 ? $" {frame.Data.Length} data bytes{(frame.SecurityType is 0x17 or 0x18 ? " (encrypted)" : "")}" : "";
        return $"{OsdpCodes.Name(frame.Code, frame.IsReply),-7} address {frame.Address} seq {frame.Sequence}{security}{size}";
    }
}
