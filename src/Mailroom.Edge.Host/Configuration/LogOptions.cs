using Serilog.Events;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>Log output: always the console; a rolling file when <see cref="Directory"/> is set.</summary>
public sealed class LogOptions
{
    public string? Directory { get; set; } = "/var/log/mailroom-edge";

    public LogEventLevel MinimumLevel { get; set; } = LogEventLevel.Information;

    public long FileSizeLimitBytes { get; set; } = 10 * 1024 * 1024;

    public int RetainedFileCount { get; set; } = 10;
}
