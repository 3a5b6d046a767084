namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// What a reader says it can do (PDCAP, reply 0x46, §7.5): (function, compliance, number) triplets. The one the agent
/// must never take on trust is communication security (function 9): a reader configured for Secure Channel that
/// reports it cannot do AES-128 is a downgrade attempt, not a reason to fall back.
/// </summary>
public sealed record OsdpCapabilities(IReadOnlyList<OsdpCapability> All)
{
    public const byte CommunicationSecurity = 9;
    public const byte ReceiveBufferSize = 10;

    /// <summary>Whether the reader claims AES-128 Secure Channel (function 9, compliance bit 0).</summary>
    public bool SecureChannel => All.Any(c => c.Function == CommunicationSecurity && (c.Compliance & 0x01) != 0);

    /// <summary>The PDCAP reply data: the triplets in order.</summary>
    public byte[] Encode() => [.. All.SelectMany(c => new[] { c.Function, c.Compliance, c.Number })];

    public static OsdpCapabilities? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length == 0 || data.Length % 3 != 0)
        {
            problem = $"PDCAP data of {data.Length} bytes is not whole triplets";
            return null;
        }
        var all = new List<OsdpCapability>(data.Length / 3);
        for (var i = 0; i < data.Length; i += 3)
            all.Add(new OsdpCapability(data[i], data[i + 1], data[i + 2]));
        return new OsdpCapabilities(all);
    }
}
