using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Access;

/// <summary>Which doors a group's members may open, and when (a schedule name; null = always).</summary>
public sealed record AccessGroup(string Name, IReadOnlySet<DoorId> Doors, string? Schedule);
