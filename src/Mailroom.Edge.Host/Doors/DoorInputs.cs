using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// The doors' contact inputs (DPS, REX, tamper, auxiliary) as one line request, with each edge routed to the door
/// controller or the site. The service drains it as edges arrive; the simulator drains it after each step.
/// </summary>
public sealed class DoorInputs : IDisposable
{
    private readonly IInputLineRequest? _lines;
    private readonly Dictionary<LineOffset, ConfiguredInput> _byOffset = [];
    private readonly DoorSystem _doors;

    public DoorInputs(IGpioChip chip, EdgeOptions options, DoorSystem doors)
    {
        _doors = doors;
        var inputs = Configured(options).ToList();
        if (inputs.Count == 0)
            return;
        var settings = new List<InputLineSettings>();
        foreach (var input in inputs)
        {
            var offset = chip.ResolveLine(input.Settings.Line);
            _byOffset[offset] = input;
            settings.Add(new InputLineSettings(offset, input.Settings.Bias, input.Settings.ActiveLow, EdgeDetection.Both, input.Settings.Debounce));
        }
        _lines = chip.RequestInputs("mailroom-edge:door-inputs", settings, options.Gpio.EventBufferSize);
        // The position switch may already be open (or a tamper active) when the agent starts.
        foreach (var (offset, input) in _byOffset)
        {
            if (_lines.GetValue(offset))
                Apply(input, true);
        }
    }

    public IInputLineRequest? Lines => _lines;

    public static IEnumerable<ConfiguredInput> Configured(EdgeOptions options)
    {
        foreach (var (door, d) in options.Doors)
        {
            var id = new DoorId(door);
            if (d.Dps is not null)
                yield return new ConfiguredInput($"Doors:{door}:Dps:Line", InputKind.Dps, id, "dps", d.Dps);
            if (d.Rex is not null)
                yield return new ConfiguredInput($"Doors:{door}:Rex:Line", InputKind.Rex, id, "rex", d.Rex);
            if (d.Tamper is not null)
                yield return new ConfiguredInput($"Doors:{door}:Tamper:Line", InputKind.Tamper, id, "tamper", d.Tamper);
        }
        foreach (var (name, a) in options.AuxInputs)
            yield return new ConfiguredInput($"AuxInputs:{name}:Input:Line", InputKind.Aux, string.IsNullOrEmpty(a.Door) ? null : new DoorId(a.Door), name, a.Input);
    }

    /// <summary>Handles every edge already delivered; returns how many.</summary>
    public int Drain()
    {
        var count = 0;
        while (_lines is not null && _lines.Events.TryRead(out var edge))
        {
            Handle(edge);
            count++;
        }
        return count;
    }

    public void Handle(LineEdgeEvent edge)
    {
        if (_byOffset.TryGetValue(edge.Offset, out var input))
            Apply(input, edge.Edge == EdgeKind.Rising);
    }

    private void Apply(ConfiguredInput input, bool active)
    {
        switch (input.Kind)
        {
            case InputKind.Dps:
                _doors.Door(input.Door!.Value).DoorPositionChanged(active);
                break;
            case InputKind.Rex when active:
                _doors.Door(input.Door!.Value).RequestExit();
                break;
            case InputKind.Tamper:
                _doors.Door(input.Door!.Value).TamperChanged(active, input.Name);
                break;
            case InputKind.Aux:
                _doors.Site.AuxInputChanged(_doors.Aux[input.Name], active);
                break;
        }
    }

    public void Dispose() => _lines?.Dispose();
}
