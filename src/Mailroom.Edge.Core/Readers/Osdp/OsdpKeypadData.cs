namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>Keys pressed on a reader's keypad (reply 0x53, §7.11): the reader number and the keys as ASCII ('0'–'9',
/// '*' as 0x7F in some readers, '#' as 0x0D in some; both forms are accepted). Never logged: it may be a PIN.</summary>
public sealed record OsdpKeypadData(byte Reader, string Keys)
{
    public static OsdpKeypadData? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length < 2 || data.Length != 2 + data[1])
        {
            problem = $"KEYPAD data of {data.Length} bytes does not match its count";
            return null;
        }
        var keys = new char[data[1]];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = data[2 + i] switch
            {
                >= (byte)'0' and <= (byte)'9' or (byte)'*' or (byte)'#' => (char)data[2 + i],
                0x7F => '*',
                0x0D => '#',
                var other => '\0',
            };
            if (keys[i] == '\0')
            {
                problem = $"KEYPAD key 0x{data[2 + i]:X2} is not a digit, * or #";
                return null;
            }
        }
        return new OsdpKeypadData(data[0], new string(keys));
    }

    /// <summary>The KEYPAD reply data: reader, count, the keys as ASCII.</summary>
    public byte[] Encode() => [Reader, (byte)Keys.Length, .. Keys.Select(c => (byte)c)];

    public override string ToString() => $"OsdpKeypadData {{ Reader = {Reader}, Keys = ({Keys.Length} hidden) }}";
}
