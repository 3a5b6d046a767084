using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>
/// Turns keypad frames into keys. Three framings are common and all are accepted:
/// <list type="bullet">
/// <item>4 bits: one key, the key's value (HID "4-bit burst").</item>
/// <item>8 bits: one key as the complement of its value followed by the value (HID "8-bit burst", e.g. <c>1</c> is
/// <c>1110 0001</c>); a frame whose halves are not complements is rejected, as is a 4-bit value above <c>#</c>.</item>
/// <item>26 bits, packed: the H10301 frame shape (even parity over bits 1–12, odd over 13–24) carrying up to six keys as
/// 4-bit nibbles in bits 1–24, first key first; unused trailing nibbles are <c>0xF</c>. Both parity bits must hold.</item>
/// </list>
/// Pure: no clock, no state.
/// </summary>
public static class KeypadDecoder
{
    /// <summary>The nibble that pads a packed 26-bit frame after its last key.</summary>
    public const int PackedPadding = 0xF;

    public const int PackedMaxKeys = 6;

    public static bool TryDecode(WiegandBits bits, out IReadOnlyList<KeypadKey> keys, out string error)
    {
        keys = [];
        switch (bits.Length)
        {
            case 4:
                return TryKey((int)bits.Value, out keys, out error);
            case 8:
                var high = (int)(bits.Value >> 4);
                var low = (int)(bits.Value & 0xF);
                if ((high ^ low) != 0xF)
                {
                    error = $"8-bit key {bits}: the first nibble is not the complement of the second";
                    return false;
                }
                return TryKey(low, out keys, out error);
            case 26:
                return TryUnpack(bits, out keys, out error);
            default:
                error = $"{bits.Length} bits is not a keypad frame (4, 8 or 26 bits)";
                return false;
        }
    }

    /// <summary>Packs up to six keys into one 26-bit frame, as a reader that buffers keys sends them.</summary>
    public static WiegandBits Pack(IReadOnlyList<KeypadKey> keys)
    {
        if (keys.Count is < 1 or > PackedMaxKeys)
            throw new ArgumentOutOfRangeException(nameof(keys), $"a packed frame carries 1 to {PackedMaxKeys} keys");
        ulong data = 0;
        for (var i = 0; i < PackedMaxKeys; i++)
            data = (data << 4) | (i < keys.Count ? (ulong)keys[i] : PackedPadding);
        return CardFormatCodec.Encode(PackedFormat, (uint)(data >> 16), data & 0xFFFF);
    }

    /// <summary>The 4-bit burst for one key.</summary>
    public static WiegandBits FourBit(KeypadKey key) => new((ulong)key, 4);

    /// <summary>The 8-bit burst for one key: complement nibble, then the key.</summary>
    public static WiegandBits EightBit(KeypadKey key) => new((ulong)((~(int)key & 0xF) << 4 | (int)key), 8);

    /// <summary>The frames a keypad with this framing sends for these keys, in order.</summary>
    public static IEnumerable<WiegandBits> Frames(IEnumerable<KeypadKey> keys, KeypadFraming framing) => framing switch
    {
        KeypadFraming.FourBit => keys.Select(FourBit),
        KeypadFraming.EightBit => keys.Select(EightBit),
        KeypadFraming.Packed26 => keys.Chunk(PackedMaxKeys).Select(chunk => Pack(chunk)),
        _ => throw new ArgumentOutOfRangeException(nameof(framing)),
    };

    /// <summary>Keys from text such as <c>1234#</c> (digits, <c>*</c> and <c>#</c>).</summary>
    public static IReadOnlyList<KeypadKey> ParseKeys(string text) => text.Select(c => c switch
    {
        >= '0' and <= '9' => (KeypadKey)(c - '0'),
        '*' => KeypadKey.Star,
        '#' => KeypadKey.Hash,
        _ => throw new FormatException($"'{c}' is not a keypad key (0-9, * or #)"),
    }).ToList();

    private static readonly CardFormat PackedFormat = CardFormats.H10301 with { Name = "Keypad26" };

    private static bool TryKey(int value, out IReadOnlyList<KeypadKey> keys, out string error)
    {
        if (value > (int)KeypadKey.Hash)
        {
            keys = [];
            error = $"key value {value} is not 0-9, * (10) or # (11)";
            return false;
        }
        keys = [(KeypadKey)value];
        error = "";
        return true;
    }

    private static bool TryUnpack(WiegandBits bits, out IReadOnlyList<KeypadKey> keys, out string error)
    {
        keys = [];
        var decoded = CardFormatCodec.Decode(bits, PackedFormat);
        if (!decoded.IsOk)
        {
            error = $"packed keypad frame: {decoded.Error}";
            return false;
        }
        var data = bits.Range(1, 24);
        var list = new List<KeypadKey>(PackedMaxKeys);
        var padding = false;
        for (var i = 0; i < PackedMaxKeys; i++)
        {
            var nibble = (int)((data >> (20 - 4 * i)) & 0xF);
            if (nibble == PackedPadding)
            {
                padding = true;
                continue;
            }
            if (padding || nibble > (int)KeypadKey.Hash)
            {
                error = $"packed keypad frame: nibble {i} ({nibble}) is not a key, or a key follows the padding";
                return false;
            }
            list.Add((KeypadKey)nibble);
        }
        if (list.Count == 0)
        {
            error = "packed keypad frame carries no key";
            return false;
        }
        keys = list;
        error = "";
        return true;
    }
}
