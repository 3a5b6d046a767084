namespace Mailroom.Edge.Devices.Nfc;

/// <summary>The NFC reader chips the agent drives (through Iot.Device.Bindings).</summary>
public enum NfcChipModel
{
    /// <summary>NXP PN532 (most NFC HATs and breakout boards): UART (HSU, 115200 baud) or I2C (address 0x24).</summary>
    Pn532,

    /// <summary>NXP MFRC522 (the common "RC522" module): SPI, optionally with its reset line on a GPIO line.</summary>
    Mfrc522,
}
