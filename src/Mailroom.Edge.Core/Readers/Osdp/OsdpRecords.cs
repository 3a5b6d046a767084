namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>Commands that carry one or more fixed-length records (LED, OUT: §6.9, §6.10) are read the same way.</summary>
internal static class OsdpRecords
{
    public static IReadOnlyList<T>? ParseAll<T>(ReadOnlySpan<byte> data, int recordLength, string command,
        Func<ReadOnlySpan<byte>, T> parse, out string? problem)
    {
        problem = null;
        if (data.Length == 0 || data.Length % recordLength != 0)
        {
            problem = $"{command} data of {data.Length} bytes is not whole {recordLength}-byte records";
            return null;
        }
        var all = new List<T>(data.Length / recordLength);
        for (var at = 0; at < data.Length; at += recordLength)
            all.Add(parse(data.Slice(at, recordLength)));
        return all;
    }
}
