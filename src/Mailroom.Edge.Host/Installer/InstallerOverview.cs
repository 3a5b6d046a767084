using System.Globalization;
using System.Reflection;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Host.Assessment;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Storage.Outbox;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The Overview view's rows, read from the running agent: identity, version, uptime, the broker connection, the outbox
/// backlog, the credential list's version and age, the clock's trust, the cameras and the self-assessment's counts.
/// Each value is read from state the agent keeps anyway (no lock a door decision takes), so a page load never delays
/// a door.
/// </summary>
public sealed class InstallerOverview(
    EdgeOptions options, OutboxPublisher publisher, SqliteOutbox outbox, ICredentialListInfo list, IClockStatus clock, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public IReadOnlyList<(string Label, string Value)> Rows()
    {
        var now = time.GetUtcNow();
        var state = publisher.State;
        var status = list.Status;
        var (high, medium, low) = SiteAssessment.Count(SiteFactsProbe.AssessNow(options, null, time, status));
        return
        [
            ("Site / device", $"{options.Site} / {options.Device}"),
            ("Agent version", typeof(InstallerOverview).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown"),
            ("Uptime", Duration(time.GetElapsedTime(_started))),
            ("Broker", $"{options.Mqtt.Host}:{options.Mqtt.Port} — {(state.Connected ? "connected" : "not connected" + (state.LastError is { } e ? $" ({e})" : ""))}"),
            ("Outbox backlog", $"{outbox.PendingCount().ToString(CultureInfo.InvariantCulture)} event(s) not yet acknowledged"),
            ("Credential list", $"version {status.Version}, {status.Count} credential(s), {(status.UpdatedAt is { } at ? "confirmed " + Duration(now - at) + " ago" : "never synchronised")}"),
            ("Clock", clock.IsSynchronised ? "trusted" : "not synchronised"),
            ("Cameras", options.Cameras.Count == 0 ? "none" : string.Join(", ", options.Cameras.Keys)),
            ("Security self-assessment", $"{high} high, {medium} medium, {low} low (mailroom-edge assess)"),
        ];
    }

    private static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : $"{(int)span.TotalMinutes} min {span.Seconds} s";
}
