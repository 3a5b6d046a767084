using System.Text.Json;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>
/// Adds fields to the periodic <c>{root}/health</c> message: the system (disk, temperature) and, later, reader
/// diagnostics. Called on the publisher's loop every health interval; must be quick and must not throw.
/// </summary>
public interface IHealthContributor
{
    void WriteHealth(Utf8JsonWriter json);
}
