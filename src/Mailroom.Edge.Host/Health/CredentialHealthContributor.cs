using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds the live credential list to <c>{root}/health</c>: version, count and <c>duplicate_pins</c> (PINs held
/// by more than one credential, denied <c>ambiguous_pin</c> when typed alone), so the server sees a list that PIN-only
/// doors cannot use without waiting for someone to be turned away. Reads the store's cached status: no query.</summary>
public sealed class CredentialHealthContributor(ICredentialListInfo list) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var status = list.Status;
        json.WriteStartObject("credentials");
        json.WriteNumber("version", status.Version);
        json.WriteNumber("count", status.Count);
        json.WriteNumber("duplicate_pins", status.DuplicatePins);
        json.WriteEndObject();
    }
}
