using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>The checks of an OSDP reader's settings: its bus (port, speed), its address on it, and what does not
/// apply to it (data lines, LED wires: an OSDP reader's LED and buzzer are driven on the bus).</summary>
internal static class OsdpReaderCheck
{
    public const int MaxAddress = 126;

    public static void Check(List<string> errors, string key, string name, ReaderOptions r, IReadOnlyDictionary<string, ReaderOptions> readers)
    {
        if (string.IsNullOrWhiteSpace(r.Port))
            errors.Add($"{key}:Port: an OSDP reader needs its serial port (e.g. /dev/ttyUSB0)");
        if (!SerialOsdpLink.SupportedBauds.Contains(r.Baud))
            errors.Add($"{key}:Baud: {r.Baud} is not one of {string.Join(", ", SerialOsdpLink.SupportedBauds)}");
        if (r.Address is < 0 or > MaxAddress)
            errors.Add($"{key}:Address: {r.Address} is outside 0..{MaxAddress} (127 is the broadcast address)");
        if (!Enum.IsDefined(r.Security))
            errors.Add($"{key}:Security: must be SecureChannel or None");
        if (r.D0.Length > 0 || r.D1.Length > 0)
            errors.Add($"{key}: an OSDP reader has no D0/D1 lines; remove them");
        var f = r.Feedback;
        if (f.Led is not null || f.GreenLed is not null || f.RedLed is not null || f.Beeper is not null)
            errors.Add($"{key}:Feedback: an OSDP reader's LED and buzzer are driven on its bus; remove the line names");
        foreach (var (other, o) in readers)
        {
            // Each pair once: only against readers listed before this one.
            if (other == name)
                break;
            if (o.Kind != ReaderKind.Osdp || o.Port != r.Port)
                continue;
            if (o.Address == r.Address)
                errors.Add($"{key}:Address: {r.Address} is also reader {other}'s on {r.Port}; every reader on a bus needs its own");
            if (o.Baud != r.Baud)
                errors.Add($"{key}:Baud: {r.Baud} differs from reader {other}'s {o.Baud} on the same port {r.Port}");
        }
        foreach (var (other, o) in readers.TakeWhile(p => p.Key != name).Where(p => p.Value.Kind == ReaderKind.Osdp))
        {
            // Installing one would overwrite the other's key, which would then no longer match its reader.
            if (o.KeyName(other) == r.KeyName(name))
                errors.Add($"{key}:Key: '{r.KeyName(name)}' is also reader {other}'s key; every OSDP reader needs a key of its own");
        }
    }

    /// <summary>What <c>config check</c> warns about: readers configured to talk in plaintext.</summary>
    public static IEnumerable<string> Warnings(EdgeOptions options) =>
        options.Readers.Where(r => r.Value.Kind == ReaderKind.Osdp && r.Value.Security == OsdpSecurity.None)
            .Select(r => $"Readers:{r.Key}:Security: None: this OSDP reader talks in plaintext; anyone on the bus can read its cards and keys and forge them (docs/osdp.md)");
}
