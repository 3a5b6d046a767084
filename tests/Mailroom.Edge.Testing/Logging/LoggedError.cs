using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Testing.Logging;

/// <summary>One entry logged at <see cref="LogLevel.Error"/> or above.</summary>
public sealed record LoggedError(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() =>
        Exception is null ? $"[{Level}] {Category}: {Message}" : $"[{Level}] {Category}: {Message} ({Exception.GetType().Name}: {Exception.Message})";
}
