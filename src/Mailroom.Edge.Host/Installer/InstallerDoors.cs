using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The Doors view and its test action: each door's state and mode, and "pulse the strike" — a momentary unlock for
/// the door's grant time through the door's own state machine (as a signed remote unlock does, so the door opening
/// next is not a forced door). Refused in lockdown and in locked mode. Every pulse, done or refused, is an
/// <c>installer.action</c> event with who asked and from where.
/// </summary>
public sealed class InstallerDoors(DoorAssembly assembly, EdgeOptions options, IEventPort events, TimeProvider time)
{
    public IReadOnlyList<(string Name, string State, string Mode)> List() =>
        [.. options.Doors.Keys.Order(StringComparer.Ordinal).Select(name =>
        {
            var door = assembly.Doors.Door(new DoorId(name));
            return (name, WireNames.SnakeCase(door.State.ToString()), WireNames.SnakeCase(door.Mode.ToString()));
        })];

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
