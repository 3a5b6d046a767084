using System.Device.I2c;
using System.Device.Spi;
using Mailroom.Edge.Devices.Nfc;

namespace Mailroom.Edge.Devices.Simulation;

/// <summary>The buses of a device with simulated chips on them (the demo, tests): each SPI address answers with the chip
/// placed there, and an empty address fails as a missing /dev/spidevB.C does.</summary>
public sealed class SimulatedNfcBuses : NfcBusOpener
{
    private readonly Dictionary<string, SpiDevice> _spi = new(StringComparer.Ordinal);

    public SimulatedNfcBuses Place(string spiBus, SpiDevice chip)
    {
        var address = NfcBusAddress.Parse(spiBus, out var problem) ?? throw new ArgumentException(problem, nameof(spiBus));
        _spi[address.Device] = chip;
        return this;
    }

    public override SpiDevice OpenSpi(NfcBusAddress bus) =>
        _spi.TryGetValue(bus.Device, out var chip) ? new Borrowed(chip) : throw new IOException($"{bus.Device}: no such device");

    public override I2cDevice OpenI2c(NfcBusAddress bus) => throw new IOException($"{bus.Device}: no such device");

    /// <summary>The chip outlives each open: the driver disposes its device at every reset, the simulated chip stays.</summary>
    private sealed class Borrowed(SpiDevice chip) : SpiDevice
    {
        public override SpiConnectionSettings ConnectionSettings => chip.ConnectionSettings;

        public override byte ReadByte() => chip.ReadByte();

        public override void Read(Span<byte> buffer) => chip.Read(buffer);

        public override void WriteByte(byte value) => chip.WriteByte(value);

        public override void Write(ReadOnlySpan<byte> buffer) => chip.Write(buffer);

        public override void TransferFullDuplex(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer) => chip.TransferFullDuplex(writeBuffer, readBuffer);
    }
}
