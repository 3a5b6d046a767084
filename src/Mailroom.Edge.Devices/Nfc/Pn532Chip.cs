using Iot.Device.Pn532;
using Iot.Device.Pn532.ListPassive;
using Iot.Device.Pn532.RfConfiguration;
using Mailroom.Edge.Core.Readers.Nfc;

namespace Mailroom.Edge.Devices.Nfc;

/// <summary>
/// A PN532 through Iot.Device.Bindings' <see cref="Pn532"/> (UART or I2C). Each poll is one InListPassiveTarget for one
/// 106 kbps type A card. The PN532 retries passive activation forever by default, so a poll with no card would never be
/// answered: the chip is told to try once (RFConfiguration MaxRetries), and that is said again after every empty poll,
/// which also proves the chip still answers (the binding returns the same null for "no card" and "no reply") and puts
/// the setting back if the chip reset itself.
/// </summary>
internal sealed class Pn532Chip : INfcChip
{
    private static readonly MaxRetriesMode OneActivationAttempt = new() { MaxRetryPassiveActivation = 0x01 };
    private readonly Pn532 _pn532;
    private readonly string _where;

    private Pn532Chip(Pn532 pn532, string where)
    {
        _pn532 = pn532;
        _where = where;
        var firmware = pn532.FirmwareVersion
            ?? throw new NfcChipException($"no PN532 answers on {where} (no firmware version)");
        Identity = $"PN532 firmware {firmware.Version} on {where}";
        if (!pn532.SetMaxRetriesInitialization(OneActivationAttempt))
            throw new NfcChipException($"the PN532 on {where} refused its configuration (RFConfiguration)");
    }

    public string Identity { get; }

    public static INfcChip Open(NfcBusAddress bus, NfcBusOpener opener)
    {
        Pn532? pn532 = null;
        try
        {
            pn532 = bus.Kind switch
            {
                NfcBusKind.Uart => new Pn532(bus.Device),
                NfcBusKind.I2c => new Pn532(opener.OpenI2c(bus)),
                _ => throw new NfcChipException($"a PN532 is driven over UART or I2C here, not {bus.Kind}"),
            };
            return new Pn532Chip(pn532, bus.ToString());
        }
        catch (Exception e) when (e is not NfcChipException)
        {
            pn532?.Dispose();
            // The binding reports a missing chip as a bare Exception("Can't find a PN532"); a port as IOException.
            throw new NfcChipException($"no PN532 on {bus}: {e.Message}", e);
        }
        catch
        {
            pn532?.Dispose();
            throw;
        }
    }

    public NfcDetection? Detect() => ChipFailure.Guard(Identity, Poll);

    private NfcDetection? Poll()
    {
        var listed = _pn532.ListPassiveTarget(MaxTarget.One, TargetBaudRate.B106kbpsTypeA);
        if (listed is null)
        {
            if (!_pn532.SetMaxRetriesInitialization(OneActivationAttempt))
                throw new NfcChipException($"the PN532 on {_where} stopped answering");
            return null;
        }
        // listed[0] is the number of targets (1); then Tg, SENS_RES (ATQA), SEL_RES (SAK), NFCID1 length, NFCID1.
        var card = listed.Length > 1 ? _pn532.TryDecode106kbpsTypeA(listed.AsSpan(1)) : null;
        if (card is null)
            throw new NfcChipException($"the PN532 on {_where} listed a target it did not describe ({listed.Length} bytes)");
        return new NfcDetection(new CardUid(card.NfcId), card.Atqa, card.Sak);
    }

    public void Dispose() => _pn532.Dispose();
}
