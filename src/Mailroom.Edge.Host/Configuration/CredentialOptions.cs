namespace Mailroom.Edge.Host.Configuration;

/// <summary>Where enrolled credentials come from until the central server syncs them.</summary>
public sealed class CredentialOptions
{
    /// <summary>A CSV file (see docs/configuration.md) that replaces the credential list at start; empty for none.</summary>
    public string? SeedCsv { get; set; }
}
