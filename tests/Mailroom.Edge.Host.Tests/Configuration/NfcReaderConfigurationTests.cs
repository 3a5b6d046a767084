using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>NFC readers in <c>config check</c>: what is refused, with one clear line each, and the cloneable-UID warning.</summary>
public sealed class NfcReaderConfigurationTests : IDisposable
{
    private readonly SampleSite _site = new();

    private CheckResult CheckWith(params (string Name, string Json)[] readers) => _site.CheckWithReaders(readers);

    [Fact]
    public void An_nfc_reader_passes_and_config_check_warns_that_a_uid_can_be_cloned()
    {
        var result = CheckWith(("desk", """{ "Door": "front", "Kind": "Nfc", "Chip": "Mfrc522", "Bus": "Spi:0.0", "ResetLine": "GPIO22" }"""));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("warning: Readers:desk: an NFC reader admits by the card's UID, which any phone or $10 card can clone", result.Stdout);
    }

    [Theory]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Bus": "Spi:0.0" }""", "Readers:r:Chip: an NFC reader needs its chip: Pn532 or Mfrc522")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "ttyS0" }""", "Readers:r:Bus: 'ttyS0': the bus is Uart:/dev/…, I2c:BUS:ADDRESS or Spi:BUS.CHIPSELECT")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "I2c:1:0x99" }""", "Readers:r:Bus: 'I2c:1:0x99': an I2C chip is I2c:BUS:ADDRESS")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Mfrc522", "Bus": "I2c:1:0x28" }""", "Readers:r:Bus: an MFRC522 is connected here over SPI")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "Spi:0.0" }""", "Readers:r:Bus: a PN532 is connected here over UART or I2C")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "Uart:/dev/ttyS0", "D0": "GPIO5" }""", "Readers:r: an NFC reader has no D0/D1 lines")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "Uart:/dev/ttyS0", "Formats": [ "H10301" ] }""", "Readers:r:Formats: H10301 has 26 bits; on an NFC reader a format maps a 4- or 7-byte UID, 32 or 56 bits")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Mfrc522", "Bus": "Spi:0.0", "ResetLine": "GPIO17" }""", "Readers:r:ResetLine: line 'GPIO17' is already used by Doors:front:Strike:Line")]
    [InlineData("""{ "Door": "front", "Kind": "Nfc", "Chip": "Pn532", "Bus": "Uart:/dev/ttyS0", "ResetLine": "GPIO22" }""", "Readers:r:ResetLine: the PN532 is woken on its bus")]
    [InlineData("""{ "Door": "front", "D0": "GPIO5", "D1": "GPIO6", "Formats": [ "Uid" ] }""", "Readers:r:Formats: Uid is an NFC card's UID; a Card reader sends frames")]
    public void A_wrong_nfc_setting_is_refused_naming_its_key(string json, string expected)
    {
        var result = CheckWith(("r", json));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    public void Dispose() => _site.Dispose();
}
