namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// What a simulated reader does with a command once the link and Secure Channel have let it through (SIA OSDP v2.2 §6,
/// §7): the LED, buzzer, text and output commands it was given, the card reads, keys and status changes waiting for a
/// POLL (oldest first, one per POLL), and its tamper and power status. Not thread-safe: the simulator calls it under
/// its lock.
/// </summary>
internal sealed class OsdpReaderDevice(OsdpReaderSimulatorOptions options)
{
    private readonly Queue<OsdpReaderReply> _pending = new();
    private bool _tamper;
    private bool _powerFault;

    public List<OsdpLedCommand> Leds { get; } = [];
    public List<OsdpBuzzerCommand> Buzzers { get; } = [];
    public List<OsdpTextCommand> Texts { get; } = [];
    public List<OsdpOutputCommand> Outputs { get; } = [];

    public void PresentCard(OsdpCardRead read) => _pending.Enqueue(new(OsdpCodes.RawCardRead, read.Encode()));

    public void PressKeys(OsdpKeypadData keys) => _pending.Enqueue(new(OsdpCodes.KeypadData, keys.Encode()));

    public void SetTamper(bool tamper) => SetStatus(tamper, _powerFault);

    public void SetPowerFault(bool powerFault) => SetStatus(_tamper, powerFault);

    private void SetStatus(bool tamper, bool powerFault)
    {
        if ((tamper, powerFault) == (_tamper, _powerFault))
            return;
        (_tamper, _powerFault) = (tamper, powerFault);
        _pending.Enqueue(LocalStatus());
    }

    /// <summary>The reply to an application command; <paramref name="downgraded"/> makes PDCAP deny Secure Channel.</summary>
    public OsdpReaderReply Execute(byte code, byte[] data, bool downgraded) => code switch
    {
        OsdpCodes.Poll => data.Length != 0 ? LengthError() : _pending.TryDequeue(out var next) ? next : OsdpReaderReply.Ack,
        OsdpCodes.Id => data.Length != 1 ? LengthError() : new(OsdpCodes.DeviceIdentity, options.Identity.Encode()),
        OsdpCodes.Capabilities => data.Length != 1 ? LengthError() : new(OsdpCodes.DeviceCapabilities, Capabilities(downgraded).Encode()),
        OsdpCodes.LocalStatus => data.Length != 0 ? LengthError() : LocalStatus(),
        OsdpLedCommand.Code => Record(OsdpLedCommand.ParseAll(data, out _), Leds),
        OsdpBuzzerCommand.Code => Record(OsdpBuzzerCommand.Parse(data, out _) is { } buzzer ? [buzzer] : null, Buzzers),
        OsdpTextCommand.Code => Record(OsdpTextCommand.Parse(data, out _) is { } text ? [text] : null, Texts),
        OsdpOutputCommand.Code => Record(OsdpOutputCommand.ParseAll(data, out _), Outputs),
        _ => OsdpReaderReply.Nak(OsdpNak.UnknownCommand),
    };

    private OsdpReaderReply LocalStatus() => new(OsdpCodes.LocalStatusReport, [_tamper ? (byte)1 : (byte)0, _powerFault ? (byte)1 : (byte)0]);

    private OsdpCapabilities Capabilities(bool downgraded) => !downgraded ? options.Capabilities : new(
        [.. options.Capabilities.All.Select(c => c.Function == OsdpCapabilities.CommunicationSecurity ? c with { Compliance = 0 } : c)]);

    // Every command here has a fixed or self-described length, so data that does not parse is a length error (NAK 2).
    private static OsdpReaderReply Record<T>(IReadOnlyList<T>? commands, List<T> received)
    {
        if (commands is null)
            return LengthError();
        received.AddRange(commands);
        return OsdpReaderReply.Ack;
    }

    private static OsdpReaderReply LengthError() => OsdpReaderReply.Nak(OsdpNak.CommandLengthError);
}
