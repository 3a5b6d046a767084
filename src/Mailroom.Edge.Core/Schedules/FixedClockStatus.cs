namespace Mailroom.Edge.Core.Schedules;

/// <summary>A clock status set by configuration or a test (the simulator's virtual clock is always "synchronised").</summary>
public sealed class FixedClockStatus(bool synchronised) : IClockStatus
{
    public bool IsSynchronised { get; set; } = synchronised;
}
