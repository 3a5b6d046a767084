using System.Device.I2c;
using System.Device.Spi;
using Mailroom.Edge.Devices.Nfc;

namespace Mailroom.Edge.Devices.Tests.Nfc;

/// <summary>Hands the chip's code a simulated SPI device instead of /dev/spidevB.C.</summary>
internal sealed class SimulatedBus(SpiDevice spi) : NfcBusOpener
{
    public override SpiDevice OpenSpi(NfcBusAddress bus) => spi;

    public override I2cDevice OpenI2c(NfcBusAddress bus) => throw new IOException($"no I2C device in this test ({bus})");
}
