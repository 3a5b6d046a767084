using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// The configured doors as the core sees them: a <see cref="DoorController"/> per door on the strikes of
/// <see cref="DoorHardware"/>, the <see cref="DoorSite"/> (interlocks, lockdown, auxiliary inputs), the
/// <see cref="AccessRules"/>, and the door mode schedules. Door events go to the <see cref="IEventPort"/> (in the agent
/// the outbox's pipeline; in the simulator the lines it prints). Built by <see cref="DoorAssembly"/>.
/// </summary>
public sealed class DoorSystem : IDisposable
{
    private readonly EdgeOptions _options;
    private readonly ScheduleClock _schedules;
    private readonly IReadOnlyDictionary<string, Schedule> _scheduleByName;

    public DoorSystem(EdgeOptions options, DoorHardware hardware, AccessSources access, IEventPort events, TimeProvider time)
    {
        _options = options;
        var controllers = options.Doors.Select(d => new DoorController(
            new DoorId(d.Key), RuleConfiguration.Settings(d.Value), hardware.Strike(new DoorId(d.Key)), time, events)).ToList();
        Site = new DoorSite(controllers, RuleConfiguration.Interlocks(options), time, events);
        var ruleSet = RuleConfiguration.RuleSet(options);
        _scheduleByName = ruleSet.Schedules;
        _schedules = new ScheduleClock(time, access.Clock, options.Clock.WhenUnsynchronised);
        Rules = new AccessRules(access.Credentials, ruleSet, Site, _schedules, time, access.Pins, access.Freshness, access.Passages, access.Uses);
        Aux = options.AuxInputs.ToDictionary(a => a.Key,
            a => new AuxBinding(a.Key, string.IsNullOrEmpty(a.Value.Door) ? null : new DoorId(a.Value.Door), a.Value.Action, a.Value.Alarm), StringComparer.Ordinal);
        foreach (var controller in controllers)
            controller.PublishInitialState();
        EvaluateSchedules();
    }

    public DoorSite Site { get; }

    public AccessRules Rules { get; }

    public IReadOnlyDictionary<string, AuxBinding> Aux { get; }

    public DoorController Door(DoorId door) => Site[door];

    /// <summary>Applies each door's mode schedules (the first active one wins); the scheduler calls this periodically.</summary>
    public void EvaluateSchedules()
    {
        // Also keeps the last trusted time fresh for the LastKnownGood policy between decisions.
        _schedules.TrustedNow();
        foreach (var (name, d) in _options.Doors)
        {
            if (d.ModeSchedules.Count == 0)
                continue;
            ModeScheduleOptions? active = null;
            foreach (var m in d.ModeSchedules)
            {
                if (_scheduleByName.TryGetValue(m.Schedule, out var schedule) && _schedules.IsActive(schedule).Active)
                {
                    active = m;
                    break;
                }
            }
            Site[new DoorId(name)].SetScheduledMode(active?.Mode, active?.FirstCard ?? false);
        }
    }

    public void Dispose()
    {
        foreach (var door in Site.Doors)
            door.Dispose();
    }
}
