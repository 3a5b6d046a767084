using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Testing.Logging;

/// <summary>The logger <see cref="LoggedErrors"/> hands out: keeps errors, drops the rest.</summary>
internal sealed class ErrorRecordingLogger(LoggedErrors errors, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
            errors.Add(new LoggedError(logLevel, category, formatter(state, exception), exception));
    }
}
