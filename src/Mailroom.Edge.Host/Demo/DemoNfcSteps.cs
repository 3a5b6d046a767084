using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The NFC part of the demo: an MFRC522 reader on the front door, simulated at its SPI registers (the agent drives it
/// through Iot.Device.Bindings' MfRc522 exactly as it would the chip on /dev/spidev0.0), and a card tapped on it.
/// </summary>
internal sealed class DemoNfcSteps(SimulatedMfrc522 chip, DemoNarrator narrator)
{
    public const string ReaderName = "front-nfc";

    /// <summary>Mary Jackson's card: a 7-byte UID (an NTAG or DESFire card), enrolled as format Uid in the demo's list.</summary>
    public static readonly byte[] CardUid = Convert.FromHexString(DemoOptions.NfcCardUid);

    /// <summary>Adds the NFC reader to the demo's configuration; <paramref name="buses"/> is what the agent opens its
    /// SPI device with (in place of /dev/spidev0.0), to register with the agent's services.</summary>
    public static SimulatedMfrc522 AddReader(EdgeOptions options, out NfcBusOpener buses)
    {
        options.Readers[ReaderName] = new ReaderOptions { Door = "front", Kind = ReaderKind.Nfc, Chip = NfcChipModel.Mfrc522, Bus = "Spi:0.0" };
        var chip = new SimulatedMfrc522();
        buses = new SimulatedNfcBuses().Place("Spi:0.0", chip);
        return chip;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        narrator.Step($"Mary Jackson taps her NFC card (UID {DemoOptions.NfcCardUid}) on the front door's NFC reader ({ReaderName}: an MFRC522 on SPI, simulated at its registers); the UID is her credential (format Uid)");
        chip.Present(new SimulatedCard(CardUid, sak: 0x00));
        var appended = await narrator.NextAccessEventAsync(cancellationToken);
        narrator.Show(appended);
        await narrator.WaitForRelockAsync(cancellationToken);
        chip.Remove();
        narrator.Say("   a UID is read without any secret, so `config check` warns that it can be cloned (docs/nfc.md says what a stronger setup needs)");
    }
}
