using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Doors;

/// <summary>
/// All the doors of the device and what spans them: interlock (mantrap) groups, device-wide lockdown and auxiliary
/// inputs. The access rules ask it whether an interlock blocks a door.
/// </summary>
public sealed class DoorSite
{
    private readonly Dictionary<DoorId, DoorController> _doors;
    private readonly IReadOnlyList<IReadOnlyList<DoorId>> _interlocks;
    private readonly TimeProvider _time;
    private readonly IEventPort _events;

    public DoorSite(IEnumerable<DoorController> doors, IReadOnlyList<IReadOnlyList<DoorId>> interlockGroups, TimeProvider time, IEventPort events)
    {
        _doors = doors.ToDictionary(d => d.Id);
        _interlocks = interlockGroups;
        _time = time;
        _events = events;
    }

    public IReadOnlyCollection<DoorController> Doors => _doors.Values;

    public DoorController this[DoorId door] => _doors[door];

    public bool TryGet(DoorId door, out DoorController controller) => _doors.TryGetValue(door, out controller!);

    /// <summary>
    /// Another door of one of this door's interlock groups that is not locked and closed, or null. A mantrap opens one
    /// side at a time: while the outer door is unlocked or open, the inner one stays locked.
    /// </summary>
    public DoorId? InterlockBlocker(DoorId door)
    {
        foreach (var group in _interlocks)
        {
            if (!group.Contains(door))
                continue;
            foreach (var other in group)
            {
                if (other != door && _doors.TryGetValue(other, out var controller) && controller.State != DoorState.Locked)
                    return other;
            }
        }
        return null;
    }

    /// <summary>Starts or ends lockdown of one door, or of every door when <paramref name="door"/> is null.</summary>
    public void SetLockdown(DoorId? door, bool active, string source, string? by)
    {
        IEnumerable<DoorController> doors = door is { } one ? [_doors[one]] : _doors.Values;
        foreach (var controller in doors)
            controller.SetLockdown(active, source, by);
    }

    /// <summary>An auxiliary input changed: raises or clears its alarm and, on activation, runs its action.</summary>
    public void AuxInputChanged(AuxBinding binding, bool active)
    {
        if (binding.RaisesAlarm)
            Emit(new AlarmEvent(_time.GetUtcNow(), binding.Door, AlarmKind.Aux, active, binding.Name));
        if (!active)
            return;
        switch (binding.Action)
        {
            case AuxAction.Lockdown:
                SetLockdown(binding.Door, true, $"aux:{binding.Name}", null);
                break;
            case AuxAction.Clip:
                Emit(new ClipTriggerEvent(_time.GetUtcNow(), binding.Door, $"aux:{binding.Name}"));
                break;
        }
    }

    // Queues the event and goes on: the port makes it durable and observes any failure, so the door never waits for it.
    private void Emit(DomainEvent domainEvent) => _ = _events.Emit(domainEvent);
}
