namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>A reply's code and plaintext data, before it is framed (and sealed inside a Secure Channel).</summary>
internal readonly record struct OsdpReaderReply(byte Code, byte[] Data)
{
    public static OsdpReaderReply Ack { get; } = new(OsdpCodes.Ack, []);

    public static OsdpReaderReply Nak(byte error) => new(OsdpNak.Code, [error]);
}
