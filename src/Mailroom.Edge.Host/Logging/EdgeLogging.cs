using Mailroom.Edge.Host.Configuration;
using Serilog;
using Serilog.Events;

namespace Mailroom.Edge.Host.Logging;

/// <summary>Serilog with a console sink and, when a log folder is configured, a size-limited rolling file.</summary>
public static class EdgeLogging
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // The journal stamps each line itself and reads the priority from the <N> prefix.
    private const string JournalTemplate = "<{" + JournalPriorityEnricher.PropertyName + "}>{SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static Serilog.ILogger Create(LogOptions options, bool console = true)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(options.MinimumLevel)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (console && JournalPriorityEnricher.UnderSystemd(Environment.GetEnvironmentVariable))
            config.Enrich.With<JournalPriorityEnricher>().WriteTo.Console(outputTemplate: JournalTemplate, standardErrorFromLevel: LogEventLevel.Verbose);
        else if (console)
            config.WriteTo.Console(outputTemplate: Template, standardErrorFromLevel: LogEventLevel.Verbose);
        if (options.Directory is { Length: > 0 } directory)
        {
            config.WriteTo.File(Path.Combine(directory, "mailroom-edge-.log"),
                outputTemplate: Template,
                rollingInterval: RollingInterval.Day,
                rollOnFileSizeLimit: true,
                fileSizeLimitBytes: options.FileSizeLimitBytes,
                retainedFileCountLimit: options.RetainedFileCount);
        }
        return config.CreateLogger();
    }
}
