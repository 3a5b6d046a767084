namespace Mailroom.Edge.Core.Events;

/// <summary>Delivery and retention priority; a full outbox sheds the lowest first and never sheds <see cref="Critical"/>.</summary>
public enum EventPriority
{
    /// <summary>Access decisions and alarms.</summary>
    Critical = 0,

    /// <summary>Door state changes.</summary>
    State = 1,

    /// <summary>Health and other telemetry.</summary>
    Telemetry = 2,
}
