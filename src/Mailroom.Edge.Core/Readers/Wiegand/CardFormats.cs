namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>The card formats the agent ships. More are added as data, in config, without code.</summary>
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

    public static IReadOnlyList<CardFormat> All { get; } = [H10301];

    public static CardFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
