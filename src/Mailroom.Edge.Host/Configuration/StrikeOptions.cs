namespace Mailroom.Edge.Host.Configuration;

/// <summary>The output that drives a door's strike or maglock.</summary>
public sealed class StrikeOptions
{
    /// <summary>Line name (e.g. <c>GPIO17</c>) or offset.</summary>
    public string Line { get; set; } = "";

    /// <summary>True for a fail-secure strike (energise to unlock); false for a fail-safe maglock (energise to lock).</summary>
    public bool EnergiseToUnlock { get; set; } = true;

    /// <summary>True when the relay is energised by driving the line low (many relay boards).</summary>
    public bool ActiveLow { get; set; }
}
