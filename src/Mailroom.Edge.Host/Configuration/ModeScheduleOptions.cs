using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>A door mode that applies while a schedule is active (e.g. <c>Unlocked</c> during <c>mornings</c>).</summary>
public sealed class ModeScheduleOptions
{
    public string Schedule { get; set; } = "";

    public DoorMode Mode { get; set; } = DoorMode.Unlocked;

    /// <summary>The mode starts only at the first grant inside the window.</summary>
    public bool FirstCard { get; set; }
}
