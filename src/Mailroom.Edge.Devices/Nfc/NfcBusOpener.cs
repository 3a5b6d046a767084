using System.Device.I2c;
using System.Device.Spi;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>Opens the I2C and SPI devices NFC chips sit on (a UART is opened by its binding by name). Tests and the demo
/// hand in a chip simulated behind the same <see cref="SpiDevice"/> / <see cref="I2cDevice"/> classes.</summary>
public class NfcBusOpener
{
    /// <summary>SPI mode 0 (both chips); the MFRC522 takes up to 10 MHz, 1 MHz leaves margin for long ribbon wires.</summary>
    public virtual SpiDevice OpenSpi(NfcBusAddress bus) =>
        SpiDevice.Create(new SpiConnectionSettings(bus.Bus, bus.Address) { ClockFrequency = 1_000_000, Mode = SpiMode.Mode0 });

    public virtual I2cDevice OpenI2c(NfcBusAddress bus) => I2cDevice.Create(new I2cConnectionSettings(bus.Bus, bus.Address));
}
