using System.Device.Gpio;
using System.Device.Spi;
using System.Globalization;
using Iot.Device.Mfrc522;
using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>
/// An MFRC522 on SPI through Iot.Device.Bindings' <see cref="MfRc522"/>: each poll is one REQA and, when a card answers,
/// its cascade of anticollision and select (4-, 7- or 10-byte UIDs). SPI has no acknowledgement, so a chip that is gone
/// reads 0x00 or 0xFF: the version register is read at open and after every empty poll, and those two values mean no
/// chip. Clones (FM17522 and others) report other versions and work the same, so any other value is accepted.
/// </summary>
internal sealed class Mfrc522Chip : INfcChip
{
    private const byte VersionRegisterRead = (0x37 << 1) | 0x80;
    private readonly SpiDevice _spi;
    private readonly MfRc522 _chip;
    private readonly GpioController? _reset;
    private readonly string _where;

    private Mfrc522Chip(SpiDevice spi, MfRc522 chip, GpioController? reset, string where, byte version)
    {
        _spi = spi;
        _chip = chip;
        _reset = reset;
        _where = where;
        Identity = string.Create(CultureInfo.InvariantCulture, $"MFRC522 version 0x{version:X2} on {where}");
    }

    public string Identity { get; }

    /// <summary>Opens and resets the chip; <paramref name="resetPin"/> is the line offset of its NRSTPD pin on
    /// <paramref name="reset"/>'s chip, or -1 for none.</summary>
    public static INfcChip Open(NfcBusAddress bus, NfcBusOpener opener, GpioController? reset, int resetPin)
    {
        if (bus.Kind != NfcBusKind.Spi)
            throw new NfcChipException($"an MFRC522 is driven over SPI here, not {bus.Kind}");
        SpiDevice? spi = null;
        try
        {
            spi = opener.OpenSpi(bus);
            // The binding resets the chip (through the reset line when there is one) and writes its defaults.
            var chip = new MfRc522(spi, resetPin, reset, shouldDispose: false);
            StartTimerOnTransmit(spi);
            var version = ReadVersion(spi);
            if (version is 0x00 or 0xFF)
                throw new NfcChipException($"no MFRC522 answers on {bus} (its version register reads 0x{version:X2})");
            return new Mfrc522Chip(spi, chip, reset, bus.ToString(), version);
        }
        catch (Exception e) when (e is not NfcChipException)
        {
            spi?.Dispose();
            reset?.Dispose();
            throw new NfcChipException($"no MFRC522 on {bus}: {e.Message}", e);
        }
        catch
        {
            spi?.Dispose();
            reset?.Dispose();
            throw;
        }
    }

    public NfcDetection? Detect() => ChipFailure.Guard(Identity, Poll);

    private NfcDetection? Poll()
    {
        if (_chip.ListenToCardIso14443TypeA(out var card, TimeSpan.Zero))
            return new NfcDetection(new CardUid(card.NfcId), card.Atqa, card.Sak);
        var version = ReadVersion(_spi);
        if (version is 0x00 or 0xFF)
            throw new NfcChipException($"the MFRC522 on {_where} stopped answering (its version register reads 0x{version:X2})");
        return null;
    }

    /// <summary>
    /// The binding leaves TModeReg.TAuto clear, so when no card answers the chip's timer never raises TimerIRq and every
    /// empty poll spins reading ComIrqReg over SPI for the binding's whole 36 ms wait. With TAuto and a 5 ms period
    /// (prescaler 0xA9: 25 µs ticks, reload 200) an empty poll ends 5 ms after the REQA; a card answers in ~0.1 ms.
    /// </summary>
    private static void StartTimerOnTransmit(SpiDevice spi)
    {
        WriteRegister(spi, 0x2A, 0x80);
        WriteRegister(spi, 0x2B, 0xA9);
        WriteRegister(spi, 0x2C, 0x00);
        WriteRegister(spi, 0x2D, 0xC8);
    }

    private static void WriteRegister(SpiDevice spi, int register, byte value)
    {
        Span<byte> buffer = [(byte)(register << 1), value];
        spi.TransferFullDuplex(buffer, buffer);
    }

    private static byte ReadVersion(SpiDevice spi)
    {
        Span<byte> buffer = [VersionRegisterRead, 0x00];
        spi.TransferFullDuplex(buffer, buffer);
        return buffer[1];
    }

    /// <summary>The binding turns the antenna off and disposes the SPI device and the reset line.</summary>
    public void Dispose()
    {
        try
        {
            _chip.Dispose();
        }
        finally
        {
            _reset?.Dispose();
        }
    }
}
