using System.Device.Gpio;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Gpio.Bindings;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// How one configured reader is built, for every user of it: its data lines, its card formats (the shipped ones and the
/// site's <c>CardFormats</c>, in the reader's order), its LED/beeper player and patterns, its PIN entry, the
/// <see cref="AccessPoint"/> in front of its door, and the door's local signals (held-open pre-alarm, lockdown) shown on
/// it. The agent, the simulator and <c>wiegand watch</c> all come through here, so a drill that passes in the simulator
/// passes on the device. An OSDP reader is built here too: its session on the bus instead of lines, its LED and buzzer
/// driven by commands, the same formats, PIN entry, access point and door signals. So is an NFC reader: its chip's loop
/// (<see cref="NfcReaderLoop"/>) instead of data lines, and LED/beeper lines like a Wiegand reader's.
/// </summary>
public static class ReaderAssembly
{
    /// <summary>The reader's formats in its configured order, resolved against the shipped and the site's formats.</summary>
    public static IReadOnlyList<CardFormat> Formats(EdgeOptions options, ReaderOptions settings)
    {
        var catalog = CardFormatBinding.Catalog(options);
        // The validator rejects a reader naming an unknown format before anything is built; this is the last guard.
        return [.. settings.EffectiveFormats.Select(f => catalog.Find(f)
            ?? throw new ConfigurationException($"a reader lists card format '{f}', which is neither shipped nor in CardFormats"))];
    }

    /// <summary>Requests the reader's D0/D1 lines (pulse starts, kernel timestamps) and the assembler for its frames.</summary>
    public static WiegandInput Listen(IGpioChip chip, string consumer, ReaderOptions settings, int eventBufferSize)
    {
        var d0 = chip.ResolveLine(settings.D0);
        var d1 = chip.ResolveLine(settings.D1);
        var lines = WiegandLines.Request(chip, consumer, d0, d1, eventBufferSize);
        return new WiegandInput(lines, new WiegandFrameAssembler(d0, d1, WiegandTiming.Default));
    }

    /// <summary>Builds the reader in front of its configured door; its feedback follows the door's signals.</summary>
    public static AssembledReader Build(
        IGpioChip chip, EdgeOptions options, ReaderId reader, ReaderOptions settings, DoorSystem doors, IEventPort events, TimeProvider time,
        ReaderDiagnostics diagnostics, IOsdpKeyStore osdpKeys, NfcBusOpener nfcBuses)
    {
        if (settings.Kind == ReaderKind.Osdp)
            return BuildOsdp(options, reader, settings, doors, events, time, diagnostics, osdpKeys);
        var formats = Formats(options, settings);
        var input = settings.HasDataLines ? Listen(chip, $"mailroom-edge:{reader}", settings, options.Gpio.EventBufferSize) : null;
        MatrixKeypadInput? matrix = null;
        IOutputLineRequest? feedbackLines = null;
        try
        {
            // A matrix keypad's rows and columns are held here; scanning starts with MatrixKeypadInput.Start.
            if (settings.Kind == ReaderKind.MatrixKeypad)
                matrix = MatrixKeypadInput.Request(chip, $"mailroom-edge:{reader}", settings, time);
            feedbackLines = RequestFeedback(chip, reader, settings.Feedback, out var wiring);
            var feedback = feedbackLines is null ? null : new ReaderFeedbackPlayer(new WiredReaderIndicators(feedbackLines, wiring!), time);
            var patterns = CardFormatBinding.Patterns($"Readers:{reader}", settings.Feedback, []);
            var door = doors.Door(new DoorId(settings.Door));
            var point = new AccessPoint(reader, settings.Direction, formats, doors.Rules, doors.Site, door, events, time,
                FrontEnd(settings, diagnostics, feedback, patterns, time));
            var signals = feedback is null ? null
                : new DoorSignalsOnReader(door, feedback, patterns[FeedbackPatterns.HeldOpenWarning.Name], patterns[FeedbackPatterns.Lockdown.Name]);
            var nfc = settings.Kind == ReaderKind.Nfc ? new NfcReaderLoop(() => OpenNfcChip(chip, reader, settings, nfcBuses), point, events, time) : null;
            return new AssembledReader(reader, settings, point, input, feedbackLines, feedback, signals) { Nfc = nfc, Matrix = matrix };
        }
        catch
        {
            feedbackLines?.Dispose();
            matrix?.Dispose();
            input?.Dispose();
            throw;
        }
    }

    /// <summary>Opens (and resets) an NFC reader's chip; called by its loop at start and after every failure.</summary>
    private static INfcChip OpenNfcChip(IGpioChip chip, ReaderId reader, ReaderOptions settings, NfcBusOpener buses)
    {
        // The validator has checked both; a reader that got here without them is a bug, said plainly.
        var bus = NfcBusAddress.Parse(settings.Bus, out var problem) ?? throw new ConfigurationException($"Readers:{reader}:Bus: {problem}");
        var model = settings.Chip ?? throw new ConfigurationException($"Readers:{reader}:Chip: missing");
        (GpioController, int)? reset = null;
        if (settings.ResetLine is { } line)
        {
            // Only the reset pin's output is used: no callbacks, so nothing for the fault report to hear.
            var offset = (int)chip.ResolveLine(line).Value;
            reset = (ChipGpioController.Create(chip, static (_, _) => { }, $"mailroom-edge:{reader}:reset"), offset);
        }
        return NfcChips.Open(model, bus, buses, reset);
    }

    /// <summary>An OSDP reader: its session on the bus (polled by the port's loop, see <see cref="DoorAssembly.OsdpBuses"/>),
    /// its LED and buzzer as commands on the bus, and the same access point, PIN entry and door signals.</summary>
    private static AssembledReader BuildOsdp(
        EdgeOptions options, ReaderId reader, ReaderOptions settings, DoorSystem doors, IEventPort events, TimeProvider time,
        ReaderDiagnostics diagnostics, IOsdpKeyStore osdpKeys)
    {
        var formats = Formats(options, settings);
        var door = doors.Door(new DoorId(settings.Door));
        var presentations = new OsdpPresentations();
        var profile = new OsdpReaderProfile(reader, door.Id, (byte)settings.Address, settings.Security, settings.KeyName(reader.Value));
        var session = new OsdpReaderSession(profile, osdpKeys, presentations, events, time);
        var feedback = new ReaderFeedbackPlayer(new OsdpReaderIndicators(session), time);
        var patterns = CardFormatBinding.Patterns($"Readers:{reader}", settings.Feedback, []);
        var point = new AccessPoint(reader, settings.Direction, formats, doors.Rules, doors.Site, door, events, time,
            FrontEnd(settings, diagnostics, feedback, patterns, time));
        presentations.AccessPoint = point;
        var signals = new DoorSignalsOnReader(door, feedback, patterns[FeedbackPatterns.HeldOpenWarning.Name], patterns[FeedbackPatterns.Lockdown.Name]);
        return new AssembledReader(reader, settings, point, null, null, feedback, signals) { Osdp = session };
    }

    private static ReaderFrontEnd FrontEnd(
        ReaderOptions settings, ReaderDiagnostics diagnostics, ReaderFeedbackPlayer? feedback, IReadOnlyDictionary<string, FeedbackPattern> patterns,
        TimeProvider time) => new()
    {
        Kind = settings.Kind,
        Diagnostics = diagnostics,
        Feedback = feedback,
        Granted = patterns[FeedbackPatterns.Granted.Name],
        Denied = patterns[FeedbackPatterns.Denied.Name],
        WaitingForPin = patterns[FeedbackPatterns.WaitingForPin.Name],
        PinEntry = settings.TakesKeys ? new PinEntry(time, settings.PinTimeout, settings.PinMaxDigits) : null,
    };

    private static IOutputLineRequest? RequestFeedback(IGpioChip chip, ReaderId reader, ReaderFeedbackOptions f, out ReaderFeedbackLines? wiring)
    {
        wiring = null;
        var green = f.Led ?? f.GreenLed;
        if (green is null && f.RedLed is null && f.Beeper is null)
            return null;
        var settings = new List<OutputLineSettings>();
        LineOffset? Add(string? name)
        {
            if (name is null)
                return null;
            var offset = chip.ResolveLine(name);
            settings.Add(new OutputLineSettings(offset, ActiveLow: f.ActiveLow));
            return offset;
        }
        wiring = new ReaderFeedbackLines(Add(green), Add(f.RedLed), Add(f.Beeper));
        return chip.RequestOutputs($"mailroom-edge:{reader}:feedback", settings);
    }
}
