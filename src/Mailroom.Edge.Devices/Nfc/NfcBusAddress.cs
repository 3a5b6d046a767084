using System.Globalization;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>Where an NFC chip is: <c>Uart:/dev/ttyS0</c>, <c>I2c:1:0x24</c> (bus 1, address 0x24) or <c>Spi:0.0</c>
/// (bus 0, chip select 0, i.e. /dev/spidev0.0).</summary>
public sealed record NfcBusAddress(NfcBusKind Kind, string Device, int Bus, int Address)
{
    /// <summary>Parses a configured bus; null with the reason when it cannot be one.</summary>
    public static NfcBusAddress? Parse(string text, out string? problem)
    {
        problem = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : text[..colon];
        var rest = colon < 0 ? "" : text[(colon + 1)..];
        if (kind.Equals("Uart", StringComparison.OrdinalIgnoreCase))
        {
            if (rest.StartsWith('/'))
                return new NfcBusAddress(NfcBusKind.Uart, rest, 0, 0);
            problem = $"'{text}': a UART is named by its device path, e.g. Uart:/dev/ttyS0";
            return null;
        }
        if (kind.Equals("I2c", StringComparison.OrdinalIgnoreCase))
        {
            var parts = rest.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bus)
                && TryAddress(parts[1], out var address) && address is >= 0x08 and <= 0x77)
            {
                return new NfcBusAddress(NfcBusKind.I2c, $"/dev/i2c-{bus}", bus, address);
            }
            problem = $"'{text}': an I2C chip is I2c:BUS:ADDRESS, e.g. I2c:1:0x24 (a 7-bit address, 0x08–0x77)";
            return null;
        }
        if (kind.Equals("Spi", StringComparison.OrdinalIgnoreCase))
        {
            var parts = rest.Split('.');
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bus)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var chipSelect))
            {
                return new NfcBusAddress(NfcBusKind.Spi, $"/dev/spidev{bus}.{chipSelect}", bus, chipSelect);
            }
            problem = $"'{text}': an SPI chip is Spi:BUS.CHIPSELECT, e.g. Spi:0.0 for /dev/spidev0.0";
            return null;
        }
        problem = $"'{text}': the bus is Uart:/dev/…, I2c:BUS:ADDRESS or Spi:BUS.CHIPSELECT";
        return null;
    }

    private static bool TryAddress(string text, out int address) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out address)
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out address);

    public override string ToString() => Kind == NfcBusKind.I2c
        ? string.Create(CultureInfo.InvariantCulture, $"{Device} address 0x{Address:x2}")
        : Device;
}

public enum NfcBusKind
{
    Uart,
    I2c,
    Spi,
}
