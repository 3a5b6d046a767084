namespace Mailroom.Edge.Host.Configuration;

/// <summary>The configuration is unusable; the message names each key and what is wrong.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException() { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }
}
