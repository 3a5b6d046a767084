using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds the live credential list to <c>{root}/health</c>: version, count, content hash and
/// <c>duplicate_pins</c> (PINs held by more than one credential, denied <c>ambiguous_pin</c> when typed alone), so the
/// server sees a list that PIN-only doors cannot use without waiting for someone to be turned away. Reads the store's
/// cached status: no query. The <c>diagnostics</c> command answers with the same object, which is how mailroomctl
/// learns, on demand, what list a device holds before it pushes one.</summary>
public sealed class CredentialHealthContributor(ICredentialListInfo list) : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json) => Write(json, list.Status);

    /// <summary>The <c>credentials</c> object of health and of the <c>diagnostics</c> result.</summary>
    public static void Write(Utf8JsonWriter json, CredentialListStatus status)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(status);
        json.WriteStartObject("credentials");
        json.WriteNumber("version", status.Version);
        json.WriteNumber("count", status.Count);
        json.WriteString("hash", status.Hash);
        json.WriteNumber("duplicate_pins", status.DuplicatePins);
        json.WriteEndObject();
    }
}
