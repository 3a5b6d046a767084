using System.Text.Json;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds <c>nfc</c> to <c>{root}/health</c>: per NFC reader, whether its chip answers, what it is, and its
/// counters (polls, cards presented, chip errors, opens). Never a UID.</summary>
public sealed class NfcHealthContributor(DoorAssembly assembly) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var readers = assembly.Readers.Where(r => r.Nfc is not null).ToList();
        if (readers.Count == 0)
            return;
        json.WriteStartObject("nfc");
        foreach (var reader in readers)
        {
            var c = reader.Nfc!.Counters.Snapshot();
            json.WriteStartObject(reader.Name.Value);
            json.WriteString("bus", reader.Settings.Bus);
            json.WriteBoolean("online", c.Online);
            if (c.Identity is { } identity)
                json.WriteString("chip", identity);
            json.WriteNumber("polls", c.Polls);
            json.WriteNumber("cards", c.Cards);
            json.WriteNumber("chip_errors", c.ChipErrors);
            json.WriteNumber("opens", c.Opens);
            if (c.LastCard is { } last)
                json.WriteString("last_card", WireNames.Timestamp(last));
            if (c.LastProblem is { } problem)
                json.WriteString("last_problem", problem);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }
}
