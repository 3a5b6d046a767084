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
}
