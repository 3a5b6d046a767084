using System.Globalization;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>
/// The unique identifier an ISO/IEC 14443-A card gave in anticollision, as the reader chip reported it (byte 0 first).
/// Any length is held, so a chip that reports garbage can be diagnosed; only 4, 7 and 10 bytes (single, double and
/// triple size) are real UIDs. A UID is read without any secret: it identifies a card, it does not authenticate one.
/// </summary>
public sealed class CardUid : IEquatable<CardUid>
{
    private readonly byte[] _bytes;

    public CardUid(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    public ReadOnlySpan<byte> Bytes => _bytes;

    public int Length => _bytes.Length;

    /// <summary>Single (4), double (7) or triple (10) size, as ISO/IEC 14443-3 defines them.</summary>
    public bool IsIsoLength => Length is 4 or 7 or 10;

    /// <summary>Uppercase hex without separators, byte 0 first (<c>04A22B1AC35D80</c>): how card labels and desktop
    /// readers print it.</summary>
    public string Hex => Convert.ToHexString(_bytes);

    /// <summary>The UID as a bit string (byte 0's most significant bit first) when it fits in 64 bits, so a site's
    /// <c>CardFormats</c> can map UID bits to a facility and number as they map a Wiegand frame; null for 10 bytes.</summary>
    public WiegandBits? Bits
    {
        get
        {
            if (Length is 0 or > 8)
                return null;
            var value = 0UL;
            foreach (var b in _bytes)
                value = (value << 8) | b;
            return new WiegandBits(value, Length * 8);
        }
    }

    /// <summary>Why this is not a UID a card can have, or null when it can be.</summary>
    public string? Problem => IsIsoLength
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"a {Length}-byte UID is not an ISO/IEC 14443-A UID (4, 7 or 10 bytes)");

    public bool Equals(CardUid? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as CardUid);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => Hex;
}
