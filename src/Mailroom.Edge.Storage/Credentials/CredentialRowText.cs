using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Where a sync message's row has its text decoded (<see cref="SyncProtocol.CredentialSyncMessages.ReadRow"/>): one buffer reused
/// for every row of a message, so that reading a row allocates nothing. The text of a row stays valid until
/// <see cref="Reset"/> starts the next one.
/// </summary>
internal sealed class CredentialRowText
{
    // A row's nine text fields of up to 256 characters each fit without growing.
    private char[] _chars = new char[8192];
    private int _used;

    public void Reset() => _used = 0;

    /// <summary>Decodes the JSON string <paramref name="value"/>; false when it has more than <paramref name="maxChars"/> characters.</summary>
    public bool TryDecode(JsonElement value, int maxChars, out Span<char> text)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1]; // without its quotes
        text = default;
        if (raw.Contains((byte)'\\'))
        {
            // Escapes are rare (the server writes plain UTF-8): decoding them costs one string.
            var unescaped = value.GetString()!;
            if (unescaped.Length > maxChars)
                return false;
            text = Room(unescaped.Length)[..unescaped.Length];
            unescaped.CopyTo(text);
        }
        else
        {
            // UTF-8 spends at most 3 bytes on one UTF-16 character: more bytes than that cannot fit.
            if (raw.Length > 3 * maxChars)
                return false;
            var room = Room(raw.Length);
            text = room[..Encoding.UTF8.GetChars(raw, room)];
            if (text.Length > maxChars)
                return false;
        }
        _used += text.Length;
        return true;
    }

    private Span<char> Room(int chars)
    {
        if (_used + chars > _chars.Length)
        {
            // Text already handed out keeps the old array alive; it is not copied.
            _chars = new char[Math.Max(_chars.Length * 2, chars)];
            _used = 0;
        }
        return _chars.AsSpan(_used);
    }
}
