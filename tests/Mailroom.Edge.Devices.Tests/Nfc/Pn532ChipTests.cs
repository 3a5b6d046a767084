using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Devices.Nfc;

namespace Mailroom.Edge.Devices.Tests.Nfc;

/// <summary>The PN532 adapter, through Iot.Device.Bindings' Pn532 on a real serial port (System.IO.Ports on a
/// pseudo-terminal), against a PN532 simulated at its host interface.</summary>
public sealed class Pn532ChipTests
{
    private static INfcChip Open(FakePn532Uart fake) =>
        NfcChips.Open(NfcChipModel.Pn532, NfcBusAddress.Parse($"Uart:{fake.Port}", out _)!, new NfcBusOpener(), null);

    [Theory]
    [InlineData("DEADBEEF", (ushort)0x0004, (byte)0x08)]
    [InlineData("04A22B1AC35D80", (ushort)0x0044, (byte)0x00)]
    public async Task A_card_in_the_field_is_listed_with_its_uid_atqa_and_sak(string uid, ushort atqa, byte sak)
    {
        await using var fake = await FakePn532Uart.StartAsync();
        using var chip = Open(fake);
        fake.Present(atqa, sak, Convert.FromHexString(uid));

        var detection = chip.Detect();

        Assert.NotNull(detection);
        Assert.Equal((uid, atqa, sak), (detection.Uid.Hex, detection.Atqa, detection.Sak));
        Assert.Contains("PN532 firmware 1.6", chip.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_field_is_answered_because_the_chip_was_told_to_try_once()
    {
        await using var fake = await FakePn532Uart.StartAsync();
        using var chip = Open(fake);

        Assert.Null(chip.Detect());
        Assert.Equal(0x01, fake.PassiveActivationRetries);
    }

    [Fact]
    public async Task A_target_that_claims_more_uid_bytes_than_it_sends_is_a_chip_failure_not_a_crash()
    {
        await using var fake = await FakePn532Uart.StartAsync();
        using var chip = Open(fake);
        // Tg 1, ATQA 00 04, SAK 08, "7 UID bytes", then only two.
        fake.PresentRaw([0x01, 0x00, 0x04, 0x08, 0x07, 0xDE, 0xAD]);

        var failure = Assert.Throws<NfcChipException>(() => chip.Detect());
        Assert.Contains("PN532", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_uid_of_a_length_no_card_has_is_passed_on_for_the_reader_to_reject()
    {
        await using var fake = await FakePn532Uart.StartAsync();
        using var chip = Open(fake);
        fake.Present(0x0004, 0x08, [1, 2, 3, 4, 5]);

        var detection = chip.Detect();

        Assert.Equal("a 5-byte UID is not an ISO/IEC 14443-A UID (4, 7 or 10 bytes)", detection?.Uid.Problem);
    }

    [Fact]
    public async Task A_chip_that_goes_silent_is_a_chip_failure()
    {
        await using var fake = await FakePn532Uart.StartAsync();
        using var chip = Open(fake);
        fake.Silent = true;

        var failure = Assert.Throws<NfcChipException>(() => chip.Detect());
        Assert.Contains("stopped answering", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_chip_on_the_port_is_said_clearly()
    {
        await using var fake = await FakePn532Uart.StartAsync();
        fake.Silent = true;

        var failure = Assert.Throws<NfcChipException>(() => Open(fake));
        Assert.StartsWith("no PN532", failure.Message, StringComparison.Ordinal);
    }
}
