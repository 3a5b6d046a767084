using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The configured rules: access groups, schedules and per-door rules. When <see cref="GroupsEnforced"/> is false (no
/// groups configured) every enrolled, enabled, valid credential may open every door, as before groups existed.
/// </summary>
public sealed record AccessRuleSet(
    IReadOnlyDictionary<string, AccessGroup> Groups,
    IReadOnlyDictionary<string, Schedule> Schedules,
    IReadOnlyDictionary<DoorId, DoorRules> Doors)
{
    public static readonly AccessRuleSet Open = new(
        new Dictionary<string, AccessGroup>(), new Dictionary<string, Schedule>(), new Dictionary<DoorId, DoorRules>());

    public bool GroupsEnforced => Groups.Count > 0;

    public DoorRules For(DoorId door) => Doors.TryGetValue(door, out var rules) ? rules : DoorRules.Default;
}
