using System.Device.Gpio;
using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>The one way an NFC chip is opened, for the agent, <c>nfc watch</c> and the demo.</summary>
public static class NfcChips
{
    /// <summary>Opens the chip; <paramref name="resetLine"/> is its reset line as (a controller over the project's GPIO
    /// chip, the line offset), or null; the chip owns that controller from here on.</summary>
    public static INfcChip Open(NfcChipModel model, NfcBusAddress bus, NfcBusOpener opener, (GpioController Controller, int Pin)? resetLine) =>
        model switch
        {
            NfcChipModel.Pn532 => Pn532Chip.Open(bus, opener),
            NfcChipModel.Mfrc522 => Mfrc522Chip.Open(bus, opener, resetLine?.Controller, resetLine?.Pin ?? -1),
            _ => throw new NfcChipException($"chip {model} is not supported"),
        };
}
