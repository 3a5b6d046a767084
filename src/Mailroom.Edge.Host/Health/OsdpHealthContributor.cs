using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Health;

/// <summary>
/// Adds <c>osdp</c> to <c>{root}/health</c>: per OSDP reader, where the panel stands with it (<c>sc_state</c>), when it
/// last answered, and its traffic counters (polls, timeouts, bad packets, MAC errors, refused plaintext, NAKs by error
/// code). No key, no key name, no card data.
/// </summary>
public sealed class OsdpHealthContributor(DoorAssembly assembly, OsdpKeyFile keys) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (assembly.OsdpBuses.Count == 0)
            return;
        // Beside the readers, not among them: a problem of the file, which leaves every reader without its key.
        if (keys.Problem is { } problem)
            json.WriteString("osdp_key_file_problem", problem);
        json.WriteStartObject("osdp");
        foreach (var bus in assembly.OsdpBuses)
        {
            foreach (var reader in bus.Readers)
            {
                var c = reader.Counters.Snapshot();
                json.WriteStartObject(reader.Profile.Reader.Value);
                json.WriteString("port", bus.Port);
                json.WriteNumber("address", reader.Address);
                json.WriteString("sc_state", WireNames.SnakeCase(reader.State.ToString()));
                json.WriteBoolean("install_mode", reader.Installing);
                if (c.LastSeen is { } seen)
                    json.WriteString("last_seen", WireNames.Timestamp(seen));
                json.WriteNumber("polls", c.Polls);
                json.WriteNumber("timeouts", c.Timeouts);
                json.WriteNumber("bad_packets", c.BadPackets);
                json.WriteNumber("mac_errors", c.MacErrors);
                json.WriteNumber("plaintext_refused", c.PlaintextRefused);
                json.WriteNumber("sequence_errors", c.SequenceErrors);
                json.WriteNumber("handshakes", c.Handshakes);
                json.WriteStartObject("naks");
                foreach (var (code, count) in c.Naks)
                    json.WriteNumber(code.ToString(CultureInfo.InvariantCulture), count);
                json.WriteEndObject();
                if (c.LastProblem is { } last)
                    json.WriteString("last_problem", last);
                if (reader.Identity is { } id)
                    json.WriteString("device", $"{id.Vendor} model {id.Model} v{id.Version} serial {id.Serial:X8} firmware {id.Firmware}");
                json.WriteEndObject();
            }
        }
        json.WriteEndObject();
    }
}
