namespace Mailroom.Edge.Ctl.Settings;

/// <summary>
/// mailroomctl's settings file (JSON; <c>--config</c>, default <c>~/.config/mailroomctl.json</c>): broker (and its
/// TLS), site and the operator's key. Every value can be given or overridden by a flag.
/// </summary>
public sealed class CtlSettings
{
    /// <summary>HOST:PORT of the broker.</summary>
    public string Broker { get; set; } = "127.0.0.1:1883";

    public string? Site { get; set; }

    /// <summary>The key's name as configured on the agents (<c>Commands:Keys:{name}</c>): the command's <c>issuer</c>.</summary>
    public string? KeyName { get; set; }

    /// <summary>The PKCS#8 PEM private key file written by <c>mailroomctl keygen</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>TLS to the broker; off unless a CA file is given.</summary>
    public CtlTlsSettings Tls { get; set; } = new();

    /// <summary>How long a command stays valid after it is signed.</summary>
    public int LifetimeSeconds { get; set; } = 60;

    /// <summary>How long <c>send</c> waits for the result.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
