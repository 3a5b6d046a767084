using System.Globalization;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// Turns the door and rule options into the core's types (<see cref="DoorSettings"/>, <see cref="DoorRules"/>,
/// <see cref="AccessRuleSet"/>), and checks them with key-prefixed messages. <see cref="Notes"/> lists what is allowed
/// but worth knowing (a door without a position switch cannot raise forced-open alarms).
/// </summary>
public static class RuleConfiguration
{
    private static readonly Dictionary<string, DayOfWeek[]> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mon"] = [DayOfWeek.Monday], ["Tue"] = [DayOfWeek.Tuesday], ["Wed"] = [DayOfWeek.Wednesday], ["Thu"] = [DayOfWeek.Thursday],
        ["Fri"] = [DayOfWeek.Friday], ["Sat"] = [DayOfWeek.Saturday], ["Sun"] = [DayOfWeek.Sunday],
        ["Weekdays"] = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        ["Weekend"] = [DayOfWeek.Saturday, DayOfWeek.Sunday],
        ["All"] = Enum.GetValues<DayOfWeek>(),
    };

    public static DoorSettings Settings(DoorOptions d) => new()
    {
        GrantTime = d.GrantTime,
        ExtendedGrantTime = d.ExtendedGrantTime,
        MinimumPulse = d.MinimumPulse,
        RelockOn = d.Dps is null ? RelockTrigger.GrantTime : d.RelockOn ?? RelockTrigger.DoorOpen,
        HasPositionSwitch = d.Dps is not null,
        HeldOpenWarning = d.HeldOpenWarning,
        HeldOpenTime = d.HeldOpenTime,
        ExitAction = d.ExitAction,
        ExitShuntTime = d.ExitShuntTime,
        ExitIgnoreAfterGrant = d.ExitIgnoreAfterGrant,
        Mode = d.Mode,
    };

    public static DoorRules Rules(DoorOptions d) => new()
    {
        SecondFactor = d.SecondFactor,
        SecondFactorWindow = d.SecondFactorWindow,
        TwoPerson = d.TwoPerson,
        TwoPersonWindow = d.TwoPersonWindow,
        AntiPassback = d.AntiPassback,
        AntiPassbackTime = d.AntiPassbackTime,
        FacilityCodes = d.FacilityCodes.ToHashSet(),
    };

    /// <summary>Builds the rule set; throws <see cref="ConfigurationException"/> on what <see cref="Check"/> reports.</summary>
    public static AccessRuleSet RuleSet(EdgeOptions o)
    {
        var errors = new List<string>();
        var schedules = Schedules(o, errors);
        if (errors.Count > 0)
            throw new ConfigurationException(string.Join(Environment.NewLine, errors));
        var groups = o.AccessGroups.ToDictionary(g => g.Key,
            g => new AccessGroup(g.Key, g.Value.Doors.Select(d => new DoorId(d)).ToHashSet(), string.IsNullOrEmpty(g.Value.Schedule) ? null : g.Value.Schedule),
            StringComparer.Ordinal);
        var doors = o.Doors.ToDictionary(d => new DoorId(d.Key), d => Rules(d.Value));
        return new AccessRuleSet(groups, schedules, doors);
    }

    public static IReadOnlyList<IReadOnlyList<DoorId>> Interlocks(EdgeOptions o) =>
        o.Interlocks.Values.Select(g => (IReadOnlyList<DoorId>)g.Select(d => new DoorId(d)).ToList()).ToList();

    public static Dictionary<string, Schedule> Schedules(EdgeOptions o, List<string> errors)
    {
        var result = new Dictionary<string, Schedule>(StringComparer.Ordinal);
        foreach (var (name, s) in o.Schedules)
        {
            var key = $"Schedules:{name}";
            TimeZoneInfo zone;
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone);
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                errors.Add($"{key}:TimeZone: '{s.TimeZone}' is not a time zone this system knows (an IANA name such as Europe/London; is tzdata installed?)");
                continue;
            }
            var windows = new List<WeeklyWindow>();
            for (var i = 0; i < s.Windows.Count; i++)
            {
                var w = s.Windows[i];
                var wkey = $"{key}:Windows:{i}";
                var days = new HashSet<DayOfWeek>();
                foreach (var day in w.Days)
                {
                    if (DayNames.TryGetValue(day, out var named))
                        days.UnionWith(named);
                    else
                        errors.Add($"{wkey}:Days: '{day}' is not a day (Mon..Sun, Weekdays, Weekend, All)");
                }
                if (days.Count == 0 && !w.Holidays)
                    errors.Add($"{wkey}:Days: is empty; list the days the window applies on");
                var from = ParseTime(errors, $"{wkey}:From", w.From);
                var to = ParseTime(errors, $"{wkey}:To", w.To);
                windows.Add(new WeeklyWindow(days, from, to, w.Holidays));
            }
            var holidays = new HashSet<DateOnly>();
            for (var i = 0; i < s.Holidays.Count; i++)
            {
                if (DateOnly.TryParseExact(s.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    holidays.Add(date);
                else
                    errors.Add($"{key}:Holidays:{i}: '{s.Holidays[i]}' is not a date (yyyy-MM-dd)");
            }
            result[name] = new Schedule(name, zone, windows, holidays);
        }
        return result;
    }

    /// <summary>Checks doors' timings and references, schedules, groups, interlocks and auxiliary inputs.</summary>
    public static void Check(EdgeOptions o, List<string> errors)
    {
        foreach (var (door, d) in o.Doors)
        {
            var key = $"Doors:{door}";
            if (d.ExtendedGrantTime < d.GrantTime)
                errors.Add($"{key}:ExtendedGrantTime: {d.ExtendedGrantTime} is shorter than GrantTime {d.GrantTime}");
            if (d.MinimumPulse < TimeSpan.Zero || d.MinimumPulse > d.GrantTime)
                errors.Add($"{key}:MinimumPulse: {d.MinimumPulse} must be between 0 and GrantTime {d.GrantTime}");
            if (d.HeldOpenTime <= TimeSpan.Zero)
                errors.Add($"{key}:HeldOpenTime: {d.HeldOpenTime} must be positive");
            if (d.HeldOpenWarning is { } warning && (warning <= TimeSpan.Zero || warning >= d.HeldOpenTime))
                errors.Add($"{key}:HeldOpenWarning: {warning} must be positive and shorter than HeldOpenTime {d.HeldOpenTime}");
            if (d.Dps is null && d.RelockOn is { } relock && relock != RelockTrigger.GrantTime)
                errors.Add($"{key}:RelockOn: {d.RelockOn} needs a door position switch (Doors:{door}:Dps); set GrantTime or wire a DPS");
            if (d.SecondFactorWindow <= TimeSpan.Zero || d.TwoPersonWindow <= TimeSpan.Zero || d.AntiPassbackTime <= TimeSpan.Zero)
                errors.Add($"{key}: SecondFactorWindow, TwoPersonWindow and AntiPassbackTime must be positive");
            if (d.Mode == DoorMode.Lockdown)
                errors.Add($"{key}:Mode: Lockdown is started by a command, an auxiliary input or a lockdown credential, not configured");
            if (d.Mode == DoorMode.FacilityCodeOnly && d.FacilityCodes.Count == 0)
                errors.Add($"{key}:FacilityCodes: is empty; FacilityCodeOnly mode would admit no one");
            for (var i = 0; i < d.ModeSchedules.Count; i++)
            {
                var m = d.ModeSchedules[i];
                if (!o.Schedules.ContainsKey(m.Schedule))
                    errors.Add($"{key}:ModeSchedules:{i}:Schedule: '{m.Schedule}' is not a configured schedule");
                if (m.Mode == DoorMode.Lockdown)
                    errors.Add($"{key}:ModeSchedules:{i}:Mode: Lockdown cannot be scheduled");
            }
        }
        Schedules(o, errors);
        foreach (var (group, g) in o.AccessGroups)
        {
            foreach (var door in g.Doors.Where(d => !o.Doors.ContainsKey(d)))
                errors.Add($"AccessGroups:{group}:Doors: '{door}' is not a configured door");
            if (!string.IsNullOrEmpty(g.Schedule) && !o.Schedules.ContainsKey(g.Schedule))
                errors.Add($"AccessGroups:{group}:Schedule: '{g.Schedule}' is not a configured schedule");
        }
        foreach (var (name, doors) in o.Interlocks)
        {
            if (doors.Count < 2)
                errors.Add($"Interlocks:{name}: needs at least two doors");
            foreach (var door in doors.Where(d => !o.Doors.ContainsKey(d)))
                errors.Add($"Interlocks:{name}: '{door}' is not a configured door");
        }
        foreach (var (name, a) in o.AuxInputs)
        {
            if (!string.IsNullOrEmpty(a.Door) && !o.Doors.ContainsKey(a.Door))
                errors.Add($"AuxInputs:{name}:Door: '{a.Door}' is not a configured door");
        }
        if (o.Clock.Source is not ("Assume" or "Timesyncd"))
            errors.Add($"Clock:Source: '{o.Clock.Source}' must be Assume or Timesyncd");
    }

    /// <summary>What the configuration allows but the installer should know, for <c>config check</c>.</summary>
    public static IEnumerable<string> Notes(EdgeOptions o)
    {
        foreach (var (door, d) in o.Doors)
        {
            if (d.Dps is null)
                yield return $"Doors:{door}:Dps: not configured; this door cannot raise alarm.forced_open, alarm.held_open_warning or alarm.held_open, and relocks by GrantTime only";
            if (d.Rex is null && d.ExitAction == ExitAction.ShuntOnly)
                yield return $"Doors:{door}:Rex: not configured; ExitAction ShuntOnly has no exit input to shunt with";
            if (d.Tamper is null)
                yield return $"Doors:{door}:Tamper: not configured; this door cannot raise alarm.tamper";
        }
        var timed = o.AccessGroups.Values.Any(g => !string.IsNullOrEmpty(g.Schedule)) || o.Doors.Values.Any(d => d.ModeSchedules.Count > 0);
        if (timed)
        {
            yield return o.Clock.Source == "Assume"
                ? "Clock:Source: Assume; schedules trust the wall clock as it is (set Timesyncd to follow NTP synchronisation)"
                : $"Clock:WhenUnsynchronised: {o.Clock.WhenUnsynchronised}; while NTP is not synchronised schedules are {(o.Clock.WhenUnsynchronised == UnsyncedClockPolicy.OutsideSchedule ? "treated as inactive" : "held at their last known good answer")}";
        }
    }

    private static TimeOnly ParseTime(List<string> errors, string key, string value)
    {
        if (TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        if (value == "24:00")
            return TimeOnly.MinValue;
        errors.Add($"{key}: '{value}' is not a time of day (HH:mm)");
        return TimeOnly.MinValue;
    }
}
