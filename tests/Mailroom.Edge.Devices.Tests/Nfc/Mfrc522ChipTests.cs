using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Devices.Simulation;

namespace Mailroom.Edge.Devices.Tests.Nfc;

/// <summary>The MFRC522 adapter, through Iot.Device.Bindings' MfRc522, against the register-level simulated chip.</summary>
public sealed class Mfrc522ChipTests
{
    private static readonly NfcBusAddress Spi00 = NfcBusAddress.Parse("Spi:0.0", out _)!;

    private static INfcChip Open(SimulatedMfrc522 chip) => NfcChips.Open(NfcChipModel.Mfrc522, Spi00, new SimulatedNfcBuses().Place("Spi:0.0", chip), null);

    [Theory]
    [InlineData("DEADBEEF", (ushort)0x0004)]
    [InlineData("04A22B1AC35D80", (ushort)0x0044)]
    [InlineData("04A22B1AC35D80112233", (ushort)0x0084)]
    public void A_card_in_the_field_is_read_with_its_whole_uid_through_every_cascade_level(string uid, ushort atqa)
    {
        var simulated = new SimulatedMfrc522();
        using var chip = Open(simulated);
        simulated.Present(new SimulatedCard(Convert.FromHexString(uid), sak: 0x08));

        var detection = chip.Detect();

        Assert.NotNull(detection);
        Assert.Equal(uid, detection.Uid.Hex);
        Assert.Equal(atqa, detection.Atqa);
        Assert.Equal(0x08, detection.Sak);
        Assert.Contains("MFRC522 version 0x92", chip.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_field_is_no_card()
    {
        var simulated = new SimulatedMfrc522();
        using var chip = Open(simulated);

        Assert.Null(chip.Detect());
    }

    [Fact]
    public void A_selected_card_resting_on_the_reader_answers_every_other_request_as_iso_14443_3_has_it()
    {
        var simulated = new SimulatedMfrc522();
        using var chip = Open(simulated);
        simulated.Present(new SimulatedCard(Convert.FromHexString("DEADBEEF")));

        Assert.NotNull(chip.Detect());
        Assert.Null(chip.Detect());
        Assert.NotNull(chip.Detect());
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0xFF)]
    public void A_chip_that_is_gone_is_a_chip_failure_not_an_empty_field(byte floating)
    {
        var simulated = new SimulatedMfrc522();
        using var chip = Open(simulated);
        simulated.Unplug(floating);

        var failure = Assert.Throws<NfcChipException>(() => chip.Detect());
        Assert.Contains("stopped answering", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_chip_at_open_is_said_clearly()
    {
        var simulated = new SimulatedMfrc522();
        simulated.Unplug();

        var failure = Assert.Throws<NfcChipException>(() => Open(simulated));
        Assert.Contains("no MFRC522 answers on /dev/spidev0.0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_crc_a_of_a_halt_command_is_the_standards_own_example()
    {
        // ISO/IEC 14443-3 Annex B: HLTA (50 00) is sent as 50 00 57 CD.
        Assert.Equal(new byte[] { 0x50, 0x00, 0x57, 0xCD }, CrcA.Append([0x50, 0x00]));
    }
}
