namespace Mailroom.Edge.Host.Configuration;

/// <summary>One door: its strike output and how long a grant keeps it unlocked.</summary>
public sealed class DoorOptions
{
    public StrikeOptions Strike { get; set; } = new();

    public TimeSpan GrantTime { get; set; } = TimeSpan.FromSeconds(5);
}
