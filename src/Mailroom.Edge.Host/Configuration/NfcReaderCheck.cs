using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Devices.Nfc;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>The checks of an NFC reader's settings: its chip and bus, its formats (the whole UID, or a site format that
/// maps a 4- or 7-byte UID's bits), and what does not apply to it (Wiegand data lines).</summary>
internal static class NfcReaderCheck
{
    public static void Check(List<string> errors, string key, ReaderOptions r, CardFormatCatalog catalog)
    {
        if (r.Chip is not { } chip || !Enum.IsDefined(chip))
            errors.Add($"{key}:Chip: an NFC reader needs its chip: {string.Join(" or ", Enum.GetNames<NfcChipModel>())}");
        if (NfcBusAddress.Parse(r.Bus, out var problem) is { } bus)
        {
            if (r.Chip == NfcChipModel.Mfrc522 && bus.Kind != NfcBusKind.Spi)
                errors.Add($"{key}:Bus: an MFRC522 is connected here over SPI (Spi:0.0), not {bus.Kind}");
            if (r.Chip == NfcChipModel.Pn532 && bus.Kind == NfcBusKind.Spi)
                errors.Add($"{key}:Bus: a PN532 is connected here over UART or I2C (set the board's switches), not SPI");
        }
        else
        {
            errors.Add($"{key}:Bus: {problem}");
        }
        if (r.D0.Length > 0 || r.D1.Length > 0)
            errors.Add($"{key}: an NFC reader has no D0/D1 lines; remove them");
        if (r.ResetLine is not null && r.Chip == NfcChipModel.Pn532)
            errors.Add($"{key}:ResetLine: the PN532 is woken on its bus, not through a reset line; remove it");
        foreach (var name in r.Formats)
        {
            // A site format applies to the UID's bits: 32 for a 4-byte UID, 56 for a 7-byte one.
            if (catalog.Find(name) is { } format && !ReferenceEquals(format, CardFormats.Uid) && !format.AnyLength && format.Length is not (32 or 56))
                errors.Add($"{key}:Formats: {format.Name} has {format.Length} bits; on an NFC reader a format maps a 4- or 7-byte UID, 32 or 56 bits");
        }
    }

    /// <summary>A Wiegand or OSDP reader cannot present a UID: <c>Uid</c> on one is a mistake.</summary>
    public static void CheckNotUid(List<string> errors, string key, ReaderOptions r)
    {
        if (r.Kind != ReaderKind.Nfc && r.Formats.Any(CardFormatCatalog.IsUid))
            errors.Add($"{key}:Formats: Uid is an NFC card's UID; a {r.Kind} reader sends frames, so list a Wiegand format");
    }

    /// <summary>What <c>config check</c> warns about: a UID alone identifies a card but does not authenticate it.</summary>
    public static IEnumerable<string> Warnings(EdgeOptions options) =>
        options.Readers.Where(r => r.Value.Kind == ReaderKind.Nfc)
            .Select(r => $"Readers:{r.Key}: an NFC reader admits by the card's UID, which any phone or $10 card can clone; pair it with a PIN (CardAndPin) or use an OSDP Secure Channel reader reading a secure credential (docs/nfc.md)");
}
