using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Services;

namespace Mailroom.Edge.Host.Systemd;

/// <summary>The one-line summary systemd shows in <c>systemctl status</c>: what an installer checks first.</summary>
public static class AgentStatusLine
{
    public static string Describe(EdgeOptions options, OutboxPublisherState publisher, CredentialFreshness? credentials = null) =>
        $"{options.Site}/{options.Device}: {options.Doors.Count} door(s) locked in safe state, {options.Readers.Count} reader(s) listening, " +
        $"broker {options.Mqtt.Host}:{options.Mqtt.Port} {(publisher.Connected ? "connected" : "not connected")}, {publisher.Delivered} event(s) delivered" +
        (credentials is null ? "" : $", {CredentialListText.Describe(credentials)}");
}
