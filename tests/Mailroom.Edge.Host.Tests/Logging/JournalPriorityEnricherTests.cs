using Mailroom.Edge.Host.Logging;
using Serilog.Events;

namespace Mailroom.Edge.Host.Tests.Logging;

public sealed class JournalPriorityEnricherTests
{
    [Theory]
    [InlineData(LogEventLevel.Fatal, 2)]
    [InlineData(LogEventLevel.Error, 3)]
    [InlineData(LogEventLevel.Warning, 4)]
    [InlineData(LogEventLevel.Information, 6)]
    [InlineData(LogEventLevel.Debug, 7)]
    [InlineData(LogEventLevel.Verbose, 7)]
    public void Levels_map_to_syslog_priorities(LogEventLevel level, int priority) =>
        Assert.Equal(priority, JournalPriorityEnricher.Priority(level));

    [Theory]
    [InlineData("JOURNAL_STREAM", "8:12345", true)]
    [InlineData("INVOCATION_ID", "0f1e2d3c", true)]
    [InlineData("HOME", "/root", false)]
    public void Systemd_is_recognised_by_its_environment(string name, string value, bool expected) =>
        Assert.Equal(expected, JournalPriorityEnricher.UnderSystemd(n => n == name ? value : null));
}
