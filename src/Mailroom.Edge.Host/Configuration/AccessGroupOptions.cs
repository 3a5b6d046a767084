namespace Mailroom.Edge.Host.Configuration;

/// <summary>An access group: the doors its members may open and the schedule when (empty = always).</summary>
public sealed class AccessGroupOptions
{
    public List<string> Doors { get; set; } = [];

    public string? Schedule { get; set; }
}
