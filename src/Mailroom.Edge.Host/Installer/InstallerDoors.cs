using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The Doors view and its test actions: each door's state and mode, "pulse the strike" — a momentary unlock for the
/// door's grant time through the door's own state machine (as a signed remote unlock does, so the door opening next
/// is not a forced door), refused in lockdown and in locked mode — and "play a feedback pattern" on a reader with LED
/// or beeper lines (or an OSDP reader), refused while its door is in lockdown (the lockdown pattern must stay on).
/// Every action, done or refused, is an <c>installer.action</c> event with who asked and from where.
/// </summary>
public sealed class InstallerDoors(DoorAssembly assembly, EdgeOptions options, IEventPort events, TimeProvider time)
{
    /// <summary>Each door's state, mode and the alarms standing now (forced or held open, tamper, lockdown).</summary>
    public IReadOnlyList<DoorStatus> List() =>
        [.. options.Doors.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var door = assembly.Doors.Door(new DoorId(name));
            var state = door.State;
            var alarms = new List<string>();
            if (state is DoorState.ForcedOpen or DoorState.HeldOpen)
                alarms.Add(WireNames.SnakeCase(state.ToString()));
            if (door.TamperActive)
                alarms.Add("tamper");
            if (door.InLockdown)
                alarms.Add("lockdown");
            return new DoorStatus(name, WireNames.SnakeCase(state.ToString()), WireNames.SnakeCase(door.Mode.ToString()), alarms);
        })];

    /// <summary>The readers a feedback pattern can be played on.</summary>
    public IReadOnlyList<string> ReadersWithFeedback() =>
        [.. assembly.Readers.Where(r => r.Feedback is not null).Select(r => r.Name.Value).Order(StringComparer.Ordinal)];

    /// <summary>The patterns the page offers (the shipped ones: a test of the lines, not of a site's own patterns).</summary>
    public static IReadOnlyList<string> Patterns { get; } = [FeedbackPatterns.Granted.Name, FeedbackPatterns.Denied.Name];

    /// <summary>Plays <paramref name="pattern"/> on <paramref name="reader"/>; returns what happened, for the page.</summary>
    public async Task<(bool Done, string Message)> PlayFeedbackAsync(string reader, string pattern, string installer, string remote)
    {
        var assembled = assembly.Readers.FirstOrDefault(r => r.Name.Value == reader);
        var chosen = FeedbackPatterns.All.FirstOrDefault(p => p.Name == pattern && Patterns.Contains(p.Name));
        if (assembled?.Feedback is not { } feedback || chosen is null)
            return (false, $"no reader '{reader}' with feedback, or no pattern '{pattern}' (patterns: {string.Join(", ", Patterns)})");
        var mode = assembly.Doors.Door(new DoorId(assembled.Settings.Door)).Mode;
        var done = mode != DoorMode.Lockdown;
        if (done)
            feedback.Play(chosen);
        var message = done
            ? $"played the {chosen.Name} pattern on reader {reader}"
            : $"the {chosen.Name} pattern on reader {reader} refused: its door is in lockdown";
        await events.Emit(new InstallerEvent(time.GetUtcNow(), "action", installer, remote, message)).ConfigureAwait(false);
        return (done, message);
    }

    /// <summary>Pulses the strike of <paramref name="name"/>; returns what happened, for the page.</summary>
    public async Task<(bool Done, string Message)> PulseAsync(string name, string installer, string remote)
    {
        if (!options.Doors.TryGetValue(name, out var settings))
            return (false, $"no door named '{name}'");
        var door = assembly.Doors.Door(new DoorId(name));
        var done = door.CommandUnlock(settings.GrantTime);
        var message = done
            ? $"pulsed the strike of {name} for {settings.GrantTime.TotalSeconds:0.#} s"
            : $"pulse of the strike of {name} refused: the door is in {WireNames.SnakeCase(door.Mode.ToString())} mode";
        await events.Emit(new InstallerEvent(time.GetUtcNow(), "action", installer, remote, message)).ConfigureAwait(false);
        return (done, message);
    }
}

/// <summary>A door as the Doors view shows it.</summary>
public sealed record DoorStatus(string Name, string State, string Mode, IReadOnlyList<string> Alarms);
