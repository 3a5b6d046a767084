using System.Globalization;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// The card formats the agent ships, as data. Layouts are from HID's published format descriptions and were checked
/// against independently computed golden vectors (tests/Mailroom.Edge.Core.Tests/Readers/CardFormatGoldenVectors.cs);
/// docs/card-formats.md draws each one. Positions are 0-based in transmission order. A site adds more in config.
/// </summary>
public static class CardFormats
{
    /// <summary>HID H10301, the 26-bit "standard" format: even parity over bits 1–12, 8-bit facility,
    /// 16-bit card number, odd parity over bits 13–24.</summary>
    public static CardFormat H10301 { get; } = new()
    {
        Name = "H10301",
        Length = 26,
        Facility = new BitRange(1, 8),
        Number = new BitRange(9, 16),
        Parity =
        [
            new ParityRule(0, ParitySense.Even, [new BitRange(1, 12)]),
            new ParityRule(25, ParitySense.Odd, [new BitRange(13, 12)]),
        ],
    };

    /// <summary>HID H10302, 37-bit without a facility code: 35-bit card number, even parity over bits 1–18, odd parity
    /// over bits 18–35 (bit 18 is counted by both).</summary>
    public static CardFormat H10302 { get; } = new()
    {
        Name = "H10302",
        Length = 37,
        Number = new BitRange(1, 35),
        Parity =
        [
            new ParityRule(0, ParitySense.Even, [new BitRange(1, 18)]),
            new ParityRule(36, ParitySense.Odd, [new BitRange(18, 18)]),
        ],
    };

    /// <summary>HID H10304, 37-bit with a 16-bit facility code and a 19-bit card number; parity as H10302.</summary>
    public static CardFormat H10304 { get; } = new()
    {
        Name = "H10304",
        Length = 37,
        Facility = new BitRange(1, 16),
        Number = new BitRange(17, 19),
        Parity =
        [
            new ParityRule(0, ParitySense.Even, [new BitRange(1, 18)]),
            new ParityRule(36, ParitySense.Odd, [new BitRange(18, 18)]),
        ],
    };

    /// <summary>HID H10306, the 34-bit format: 16-bit facility, 16-bit card number, even parity over bits 1–16, odd
    /// parity over bits 17–32.</summary>
    public static CardFormat H10306 { get; } = new()
    {
        Name = "H10306",
        Length = 34,
        Facility = new BitRange(1, 16),
        Number = new BitRange(17, 16),
        Parity =
        [
            new ParityRule(0, ParitySense.Even, [new BitRange(1, 16)]),
            new ParityRule(33, ParitySense.Odd, [new BitRange(17, 16)]),
        ],
    };

    /// <summary>HID Corporate 1000, 35-bit: 12-bit company ID (bits 2–13), 20-bit card number (bits 14–33) and three
    /// parity bits: bit 1 even over the pairs 2-3, 5-6, … 32-33; bit 34 odd over the pairs 1-2, 4-5, … 31-32 (which
    /// includes parity bit 1); bit 0 odd over every other bit of the frame.</summary>
    public static CardFormat Corporate1000Bit35 { get; } = new()
    {
        Name = "C1000-35",
        Length = 35,
        Facility = new BitRange(2, 12),
        Number = new BitRange(14, 20),
        Parity =
        [
            ParityRule.OverBits(1, ParitySense.Even, Enumerable.Range(2, 33).Where(i => i % 3 != 1)),
            ParityRule.OverBits(34, ParitySense.Odd, Enumerable.Range(1, 33).Where(i => i % 3 != 0)),
            new ParityRule(0, ParitySense.Odd, [new BitRange(1, 34)]),
        ],
    };

    /// <summary>HID Corporate 1000, 48-bit: 22-bit company ID (bits 2–23), 23-bit card number (bits 24–46) and three
    /// parity bits: bit 1 even over the pairs 3-4, 6-7, … 45-46; bit 47 odd over the pairs 2-3, 5-6, … 44-45; bit 0 odd
    /// over every other bit of the frame.</summary>
    public static CardFormat Corporate1000Bit48 { get; } = new()
    {
        Name = "C1000-48",
        Length = 48,
        Facility = new BitRange(2, 22),
        Number = new BitRange(24, 23),
        Parity =
        [
            ParityRule.OverBits(1, ParitySense.Even, Enumerable.Range(3, 44).Where(i => i % 3 != 2)),
            ParityRule.OverBits(47, ParitySense.Odd, Enumerable.Range(2, 44).Where(i => i % 3 != 1)),
            new ParityRule(0, ParitySense.Odd, [new BitRange(1, 47)]),
        ],
    };

    /// <summary>The raw fallback: any length, the whole frame as the number, no parity. List it last on a reader.</summary>
    public static CardFormat Raw { get; } = new()
    {
        Name = "Raw",
        Length = 0,
        Number = new BitRange(0, 0),
        AnyLength = true,
    };

    /// <summary>An NFC card's whole UID (<see cref="Nfc.UidCredentials.Whole"/>): not a bit layout, so it is not in
    /// <see cref="All"/> and only an NFC reader may list it. Its fields here are placeholders no codec reads.</summary>
    public static CardFormat Uid { get; } = new()
    {
        Name = "Uid",
        Length = 0,
        Number = new BitRange(0, 0),
    };

    /// <summary>The Wiegand formats (an NFC reader may list these too, mapping the bits of its UIDs).</summary>
    public static IReadOnlyList<CardFormat> All { get; } =
        [H10301, H10302, H10304, H10306, Corporate1000Bit35, Corporate1000Bit48, Raw];

    /// <summary>A shipped format by name (case-insensitive), including <c>Raw{n}</c> for a raw frame of n bits.</summary>
    public static CardFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) ?? RawNamed(name);

    /// <summary>The fixed-length raw format a raw frame of <paramref name="length"/> bits decodes with.</summary>
    public static CardFormat RawOf(int length) => new()
    {
        Name = string.Create(CultureInfo.InvariantCulture, $"Raw{length}"),
        Length = length,
        Number = new BitRange(0, length),
    };

    private static CardFormat? RawNamed(string name)
    {
        if (name.Length > 3 && name.StartsWith("Raw", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && length is >= 1 and <= WiegandBits.MaxLength)
        {
            return RawOf(length);
        }
        return null;
    }
}
