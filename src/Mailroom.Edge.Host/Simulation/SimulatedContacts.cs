using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Simulation;

/// <summary>
/// The configured door contacts (DPS, REX, tamper, auxiliary) on a simulated chip, driven by what they mean rather
/// than by line level: <see cref="OpenDoor"/> sets the DPS line to its active level whatever its polarity. For the
/// simulator, the demo and tests; the agent reads the edges exactly as it reads real contacts.
/// </summary>
public sealed class SimulatedContacts(SimulatedGpioChip chip, EdgeOptions options)
{
    /// <summary>Puts every configured contact at rest (door closed, nothing pressed); call before the agent requests them.</summary>
    public void Rest()
    {
        foreach (var input in DoorInputs.Configured(options))
            chip.SetInputLevel(chip.ResolveLine(input.Settings.Line), input.Settings.ActiveLow);
    }

    public void OpenDoor(string door) => Set(InputKind.Dps, door, true);

    public void CloseDoor(string door) => Set(InputKind.Dps, door, false);

    public void PressExit(string door) => Set(InputKind.Rex, door, true);

    public void ReleaseExit(string door) => Set(InputKind.Rex, door, false);

    public void Tamper(string door, bool active) => Set(InputKind.Tamper, door, active);

    public void Aux(string name, bool active) => Set(InputKind.Aux, name, active);

    /// <summary>Drives a contact to its active or resting level; throws when the door (or aux input) has no such contact.</summary>
    public void Set(InputKind kind, string name, bool active)
    {
        var input = DoorInputs.Configured(options).FirstOrDefault(i => i.Kind == kind && (kind == InputKind.Aux ? i.Name == name : i.Door?.Value == name))
            ?? throw new InvalidOperationException(kind == InputKind.Aux
                ? $"'{name}' is not a configured auxiliary input"
                : $"door '{name}' has no {kind} input configured (Doors:{name}:{kind})");
        chip.SetInputLevel(chip.ResolveLine(input.Settings.Line), active != input.Settings.ActiveLow);
    }
}
