using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// The configuration's GPIO functions resolved against a real (or simulated) chip: every line name looked up, and the
/// rules the chip-free validator cannot check — two functions on one line once names and offsets are resolved
/// (<c>GPIO17</c> and <c>17</c>), an unknown line, a line another program holds as an output — reported by key.
/// </summary>
public sealed class HardwareMap
{
    private HardwareMap(IReadOnlyList<MappedLine> lines) => Lines = lines;

    public IReadOnlyList<MappedLine> Lines { get; }

    public IEnumerable<MappedLine> Outputs => Lines.Where(l => l.IsOutput);

    /// <summary>Resolves every configured line; throws <see cref="ConfigurationException"/> listing every problem by key.</summary>
    public static HardwareMap Resolve(EdgeOptions options, IGpioChip chip)
    {
        var wanted = new List<(string Key, string Line, bool IsOutput)>();
        foreach (var (door, d) in options.Doors)
            wanted.Add(($"Doors:{door}:Strike:Line", d.Strike.Line, true));
        foreach (var input in DoorInputs.Configured(options))
            wanted.Add((input.Key, input.Settings.Line, false));
        // An OSDP reader has no lines of its own: it is on a serial port. An NFC chip is on a bus, maybe with a reset line.
        // A matrix keypad drives its rows and reads its columns.
        foreach (var (reader, r) in options.Readers.Where(r => r.Value.Kind != Core.Readers.ReaderKind.Osdp))
        {
            if (r.Kind == Core.Readers.ReaderKind.MatrixKeypad)
            {
                wanted.AddRange(r.Rows.Select((line, i) => ($"Readers:{reader}:Rows:{i}", line, true)));
                wanted.AddRange(r.Columns.Select((line, i) => ($"Readers:{reader}:Columns:{i}", line, false)));
            }
            if (r.HasDataLines)
            {
                wanted.Add(($"Readers:{reader}:D0", r.D0, false));
                wanted.Add(($"Readers:{reader}:D1", r.D1, false));
            }
            if (r.ResetLine is { } reset && r.Kind == Core.Readers.ReaderKind.Nfc)
                wanted.Add(($"Readers:{reader}:ResetLine", reset, true));
            foreach (var (name, line) in new[] { ("Led", r.Feedback.Led), ("GreenLed", r.Feedback.GreenLed), ("RedLed", r.Feedback.RedLed), ("Beeper", r.Feedback.Beeper) })
            {
                if (line is not null)
                    wanted.Add(($"Readers:{reader}:Feedback:{name}", line, true));
            }
        }

        // An expander's interrupt line is a SoC input like any other: it must not double as another function.
        foreach (var (name, e) in options.Gpio.Expanders)
        {
            if (e.Interrupt is { Length: > 0 } interrupt)
                wanted.Add(($"Gpio:Expanders:{name}:Interrupt", interrupt, false));
        }

        var errors = new List<string>();
        var mapped = new List<MappedLine>();
        var byOffset = new Dictionary<LineOffset, string>();
        var info = chip.ListLines().ToDictionary(l => l.Offset);
        foreach (var (key, line, isOutput) in wanted)
        {
            LineOffset offset;
            try
            {
                offset = chip.ResolveLine(line);
            }
            catch (GpioLineNotFoundException e)
            {
                errors.Add($"{key}: {e.Message}");
                continue;
            }
            if (byOffset.TryGetValue(offset, out var other))
            {
                errors.Add($"{key}: line '{line}' (offset {offset}) is already used by {other}");
                continue;
            }
            byOffset[offset] = key;
            if (!isOutput && info.TryGetValue(offset, out var current) && current.Used && current.IsOutput)
                errors.Add($"{key}: line '{line}' is an output held by '{current.Consumer}'; an input cannot be read from it");
            mapped.Add(new MappedLine(key, line, offset, isOutput));
        }
        if (errors.Count > 0)
            throw new ConfigurationException(string.Join(Environment.NewLine, errors));
        return new HardwareMap(mapped);
    }
}
