using System.Text;

namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>The text command (0x6B, §6.12): reader, control (1 permanent without wrap), temporary time (seconds), row,
/// column and the text, printable ASCII only (anything else becomes '?', so no control byte reaches a display).</summary>
public sealed record OsdpTextCommand(byte Reader, byte Control, byte TemporaryTime, byte Row, byte Column, string Text)
{
    public const byte Code = 0x6B;

    public byte[] Encode()
    {
        var text = Encoding.ASCII.GetBytes(new string([.. Text.Select(c => c is >= ' ' and <= '~' ? c : '?')]));
        if (text.Length > byte.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(Text), $"{text.Length} characters: at most 255 fit one command");
        return [Reader, Control, TemporaryTime, Row, Column, (byte)text.Length, .. text];
    }

    /// <summary>The command, or null with <paramref name="problem"/> when the length byte does not match the text; a
    /// byte outside printable ASCII reads as '?', as <see cref="Encode"/> would have sent it.</summary>
    public static OsdpTextCommand? Parse(ReadOnlySpan<byte> data, out string? problem)
    {
        problem = null;
        if (data.Length < 6 || data.Length != 6 + data[5])
        {
            problem = $"TEXT data of {data.Length} bytes does not match its length byte";
            return null;
        }
        var text = new string([.. data[6..].ToArray().Select(b => b is >= (byte)' ' and <= (byte)'~' ? (char)b : '?')]);
        return new OsdpTextCommand(data[0], data[1], data[2], data[3], data[4], text);
    }
}
