using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>
/// Turns a card's UID into a credential with an NFC reader's formats, in the reader's order, as a Wiegand frame is
/// turned into one: the shipped <see cref="CardFormats.Uid"/> takes the whole UID; a site's <c>CardFormats</c> entry of
/// 32 or 56 bits maps the bits of a 4- or 7-byte UID to a facility and a number (byte 0's top bit is bit 0).
/// </summary>
public static class UidCredentials
{
    /// <summary>The first format that takes the UID, with every format's reason when none does.</summary>
    public static CardDecodeResult Decode(CardUid uid, IReadOnlyList<CardFormat> formats)
    {
        if (uid.Problem is { } problem)
            return new CardDecodeResult(CardDecodeStatus.LengthMismatch, null, problem);
        return CardFormatCodec.First(formats, format => ReferenceEquals(format, CardFormats.Uid) ? Whole(uid) : Mapped(uid, format));
    }

    /// <summary><c>Uid</c>: a 4- or 7-byte UID is the number (big-endian, byte 0 most significant) with no facility; a
    /// 10-byte UID, which does not fit a 64-bit number, keeps its first two bytes as the facility and the last eight as
    /// the number. A 7-byte UID's first byte is its maker's code, never 0, so it never equals a 4-byte one.</summary>
    public static CardDecodeResult Whole(CardUid uid)
    {
        var bytes = uid.Bytes;
        var numberBytes = bytes.Length > 8 ? bytes[^8..] : bytes;
        var number = 0UL;
        foreach (var b in numberBytes)
            number = (number << 8) | b;
        uint? facility = bytes.Length > 8 ? (uint)((bytes[0] << 8) | bytes[1]) : null;
        return new CardDecodeResult(CardDecodeStatus.Ok, new CardCredential(CardFormats.Uid.Name, facility, number), null);
    }

    private static CardDecodeResult Mapped(CardUid uid, CardFormat format) => uid.Bits is { } bits
        ? CardFormatCodec.Decode(bits, format)
        : new CardDecodeResult(CardDecodeStatus.LengthMismatch, null, $"a {uid.Length}-byte UID does not fit {format.Name}, which maps at most 64 bits");
}
