namespace Mailroom.Edge.Video.Clips;

/// <summary>An event that asks for a clip: its id (for the evidence trail), when it happened, whether it is an alarm (retention keeps those longer) and its door, if any.</summary>
public readonly record struct ClipTrigger(Guid EventId, DateTimeOffset At, bool IsAlarm = false, string? Door = null);
