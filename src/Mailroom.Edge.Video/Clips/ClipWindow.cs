namespace Mailroom.Edge.Video.Clips;

/// <summary>A clip being planned: the wall-clock span it must cover, the first trigger's time (for the snapshot) and every trigger in it.</summary>
public sealed record ClipWindow(
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset SnapshotAt, IReadOnlyList<Guid> Triggers, bool IsAlarm);
