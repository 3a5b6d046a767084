using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// How one configured reader is built, for every user of it: its data lines, its card formats (the shipped ones and the
/// site's <c>CardFormats</c>, in the reader's order), its LED/beeper player and patterns, its PIN entry, the
/// <see cref="AccessPoint"/> in front of its door, and the door's local signals (held-open pre-alarm, lockdown) shown on
/// it. The agent, the simulator and <c>wiegand watch</c> all come through here, so a drill that passes in the simulator
/// passes on the device. An OSDP reader is built here too: its session on the bus instead of lines, its LED and buzzer
/// driven by commands, the same formats, PIN entry, access point and door signals.
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
        ReaderDiagnostics diagnostics, IOsdpKeyStore osdpKeys)
    {
        if (settings.Kind == ReaderKind.Osdp)
            return BuildOsdp(options, reader, settings, doors, events, time, diagnostics, osdpKeys);
        if (settings.Kind == ReaderKind.MatrixKeypad)
            return BuildMatrix(chip, reader, settings, doors, events, time, diagnostics);
        var formats = Formats(options, settings);
        var input = Listen(chip, $"mailroom-edge:{reader}", settings, options.Gpio.EventBufferSize);
        try
        {
            return Wired(chip, reader, settings, formats, doors, events, time, diagnostics, input, null);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary>A matrix keypad on GPIO: its rows and columns held (scanning starts with
    /// <see cref="MatrixKeypadInput.Start"/>), its feedback lines as any wired reader's, the same PIN entry, access point
    /// and door signals. It reads no cards, so it has no formats.</summary>
    private static AssembledReader BuildMatrix(
        IGpioChip chip, ReaderId reader, ReaderOptions settings, DoorSystem doors, IEventPort events, TimeProvider time,
        ReaderDiagnostics diagnostics)
    {
        var keypad = MatrixKeypadInput.Request(chip, $"mailroom-edge:{reader}", settings, time);
        try
        {
            return Wired(chip, reader, settings, [], doors, events, time, diagnostics, null, keypad);
        }
        catch
        {
            keypad.Dispose();
            throw;
        }
    }

    /// <summary>What every reader on GPIO lines has in front of its door, around its input (Wiegand lines or a
    /// matrix): its feedback lines and player, its access point, and the door's signals shown on it.</summary>
    private static AssembledReader Wired(
        IGpioChip chip, ReaderId reader, ReaderOptions settings, IReadOnlyList<CardFormat> formats, DoorSystem doors, IEventPort events,
        TimeProvider time, ReaderDiagnostics diagnostics, WiegandInput? wiegand, MatrixKeypadInput? matrix)
    {
        IOutputLineRequest? feedbackLines = null;
        try
        {
            feedbackLines = RequestFeedback(chip, reader, settings.Feedback, out var wiring);
            var feedback = feedbackLines is null ? null : new ReaderFeedbackPlayer(new WiredReaderIndicators(feedbackLines, wiring!), time);
            var patterns = CardFormatBinding.Patterns($"Readers:{reader}", settings.Feedback, []);
            var door = doors.Door(new DoorId(settings.Door));
            var point = new AccessPoint(reader, settings.Direction, formats, doors.Rules, doors.Site, door, events, time,
                FrontEnd(settings, diagnostics, feedback, patterns, time));
            var signals = feedback is null ? null
                : new DoorSignalsOnReader(door, feedback, patterns[FeedbackPatterns.HeldOpenWarning.Name], patterns[FeedbackPatterns.Lockdown.Name]);
            return new AssembledReader(reader, settings, point, wiegand, feedbackLines, feedback, signals) { Matrix = matrix };
        }
        catch
        {
            feedbackLines?.Dispose();
            throw;
        }
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
