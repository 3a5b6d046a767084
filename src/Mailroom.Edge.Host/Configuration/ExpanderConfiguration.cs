using System.Globalization;
using System.Text.RegularExpressions;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Gpio.Expanders;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// The rules for <c>Gpio:Expanders</c> and the lines on them, checked before anything touches a bus: each expander's
/// chip, bus, address and interrupt line; every <c>name:pin</c> line names a configured expander; inputs on an expander
/// need its interrupt line; Wiegand data lines stay on SoC lines.
/// </summary>
public static partial class ExpanderConfiguration
{
    /// <summary>Why Wiegand D0/D1 cannot be expander lines; also in docs/install.md.</summary>
    public const string WiegandReason =
        "Wiegand data lines must be SoC lines: a reader's pulses are about 50 µs wide and 1-2 ms apart, while an expander input is " +
        "seen only through its interrupt line plus an I2C read of hundreds of microseconds, with no kernel timestamp per pulse";

    public static void Check(EdgeOptions o, List<string> errors, Dictionary<string, string> lineUse)
    {
        foreach (var (name, e) in o.Gpio.Expanders)
        {
            var key = $"Gpio:Expanders:{name}";
            if (!ExpanderName().IsMatch(name))
                errors.Add($"{key}: '{name}' must be 1-32 characters of a-z, A-Z, 0-9, '-' or '_' (it is the part before ':' in line names)");
            if (e.Chip is null)
                errors.Add($"{key}:Chip: is missing; set Mcp23017, Mcp23008 or Pcf8574");
            if (e.Bus is < 0 or > 255)
                errors.Add($"{key}:Bus: {e.Bus} is not an I2C bus number (/dev/i2c-N, N in 0..255)");
            if (ParseAddress(e.Address) is not { } address)
                errors.Add($"{key}:Address: '{e.Address}' is not a 7-bit I2C address such as 0x20");
            else if (e.Chip is { } chip && AddressProblem(chip, address) is { } problem)
                errors.Add($"{key}:Address: {problem}");
            if (e.Interrupt is { Length: > 0 } interrupt)
            {
                if (interrupt.Contains(':', StringComparison.Ordinal))
                    errors.Add($"{key}:Interrupt: '{interrupt}' is an expander line; INT must be wired to a SoC line (e.g. GPIO4), whose kernel edge starts each read");
                else if (lineUse.TryGetValue(interrupt.Trim(), out var other))
                    errors.Add($"{key}:Interrupt: line '{interrupt}' is already used by {other}");
                else
                    lineUse[interrupt.Trim()] = $"{key}:Interrupt";
            }
        }

        foreach (var (key, line, input) in Lines(o))
        {
            if (ExpanderOf(line) is not { } name)
                continue;
            var isInput = input is not null;
            if (!o.Gpio.Expanders.TryGetValue(name, out var expander))
            {
                var known = o.Gpio.Expanders.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", o.Gpio.Expanders.Keys);
                errors.Add($"{key}: line '{line}' is on expander '{name}', which is not in Gpio:Expanders ({known})");
            }
            else if (isInput && string.IsNullOrWhiteSpace(expander.Interrupt))
            {
                errors.Add($"{key}: line '{line}' is an input on expander '{name}', which has no Gpio:Expanders:{name}:Interrupt (the SoC line its INT pin is wired to)");
            }
            else if (input is not null && BiasProblem(expander.Chip, input.Bias) is { } problem)
            {
                errors.Add($"{key[..key.LastIndexOf(':')]}:Bias: {input.Bias} on expander '{name}': {problem}");
            }
        }
        foreach (var (reader, r) in o.Readers.Where(r => r.Value.Kind != ReaderKind.Osdp))
        {
            foreach (var (data, line) in new[] { ("D0", r.D0), ("D1", r.D1) })
            {
                if (ExpanderOf(line) is not null)
                    errors.Add($"Readers:{reader}:{data}: '{line}' is an expander line; {WiegandReason}");
            }
        }
    }

    /// <summary>The expander part of <c>name:pin</c>, or null for a SoC line.</summary>
    public static string? ExpanderOf(string? line)
    {
        var colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 ? line![..colon] : null;
    }

    /// <summary><c>0x20</c> or <c>32</c>; null when it is neither or not a 7-bit address.</summary>
    public static int? ParseAddress(string text)
    {
        var t = text.Trim();
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            : int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        return ok && value is >= 0x03 and <= 0x77 ? value : null;
    }

    private static string? AddressProblem(ExpanderChipKind chip, int address) => chip switch
    {
        ExpanderChipKind.Pcf8574 when address is not (>= 0x20 and <= 0x27 or >= 0x38 and <= 0x3F) =>
            $"0x{address:X2} is not a PCF8574 address (0x20-0x27, or 0x38-0x3F for the PCF8574A)",
        ExpanderChipKind.Mcp23017 or ExpanderChipKind.Mcp23008 when address is not (>= 0x20 and <= 0x27) =>
            $"0x{address:X2} is not an {chip.ToString().ToUpperInvariant()} address (0x20-0x27, set by pins A0-A2)",
        _ => null,
    };

    private static string? BiasProblem(ExpanderChipKind? chip, LineBias bias) => (chip, bias) switch
    {
        (ExpanderChipKind.Pcf8574, LineBias.PullDown or LineBias.Disabled) =>
            "a PCF8574 input always has the chip's weak pull-up; use PullUp (or AsIs) and an active-low contact",
        (_, LineBias.PullDown) => "an MCP23xxx has pull-ups only; use PullUp and an active-low contact, or an external pull-down with Disabled",
        _ => null,
    };

    /// <summary>Every configured line: its key, the line as written, and for an input its settings.</summary>
    private static IEnumerable<(string Key, string Line, InputLineOptions? Input)> Lines(EdgeOptions o)
    {
        foreach (var (door, d) in o.Doors)
        {
            yield return ($"Doors:{door}:Strike:Line", d.Strike.Line, null);
            foreach (var (input, settings) in new[] { ("Dps", d.Dps), ("Rex", d.Rex), ("Tamper", d.Tamper) })
            {
                if (settings is not null)
                    yield return ($"Doors:{door}:{input}:Line", settings.Line, settings);
            }
        }
        foreach (var (aux, a) in o.AuxInputs)
            yield return ($"AuxInputs:{aux}:Input:Line", a.Input.Line, a.Input);
        foreach (var (reader, r) in o.Readers)
        {
            foreach (var (name, line) in new[] { ("Led", r.Feedback.Led), ("GreenLed", r.Feedback.GreenLed), ("RedLed", r.Feedback.RedLed), ("Beeper", r.Feedback.Beeper) })
            {
                if (line is not null)
                    yield return ($"Readers:{reader}:Feedback:{name}", line, null);
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex ExpanderName();
}
