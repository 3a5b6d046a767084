namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// A clip being planned: the wall-clock span it must cover, the first trigger's time (for the snapshot), every trigger
/// in it, the doors they happened at, and — for a clip asked for by command — the id already promised.
/// </summary>
public sealed record ClipWindow(
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset SnapshotAt, IReadOnlyList<Guid> Triggers, bool IsAlarm,
    IReadOnlyList<string>? Doors = null, string? Id = null)
{
    public IReadOnlyList<string> EffectiveDoors => Doors ?? [];
}
