using Serilog.Core;
using Serilog.Events;

namespace Mailroom.Edge.Host.Logging;

/// <summary>
/// Adds <c>JournalPriority</c>, the syslog level journald reads from a <c>&lt;N&gt;</c> line prefix on a service's
/// stdout (sd-daemon(3)), so <c>journalctl -p warning</c> finds the agent's warnings.
/// </summary>
public sealed class JournalPriorityEnricher : ILogEventEnricher
{
    public const string PropertyName = "JournalPriority";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) =>
        logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(PropertyName, Priority(logEvent.Level)));

    public static int Priority(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };

    /// <summary>systemd sets JOURNAL_STREAM when stdout goes to the journal and INVOCATION_ID for every service it runs.</summary>
    public static bool UnderSystemd(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("JOURNAL_STREAM")) || !string.IsNullOrEmpty(environment("INVOCATION_ID"));
}
