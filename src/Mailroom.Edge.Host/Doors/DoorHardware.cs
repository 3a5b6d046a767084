using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// Requests every door's strike output in its safe (locked) state as one request, and owns the <see cref="DoorStrike"/>s.
/// Disposing relocks every door before the lines are released.
/// </summary>
public sealed class DoorHardware : IDisposable
{
    private readonly IOutputLineRequest _outputs;
    private readonly Dictionary<DoorId, DoorStrike> _strikes = [];

    public DoorHardware(IGpioChip chip, EdgeOptions options)
    {
        // Resolving the whole map first turns a bad line into a configuration error that names its key.
        HardwareMap.Resolve(options, chip);
        var lines = options.Doors.Select(d => (Door: new DoorId(d.Key), d.Value.Strike, Offset: chip.ResolveLine(d.Value.Strike.Line))).ToList();
        _outputs = chip.RequestOutputs("mailroom-edge:strikes", lines
            .Select(l => new OutputLineSettings(l.Offset, l.Strike.ActiveLow, SafeActive: !l.Strike.EnergiseToUnlock))
            .ToList());
        foreach (var line in lines)
            _strikes[line.Door] = new DoorStrike(_outputs, line.Offset, line.Strike.EnergiseToUnlock);
    }

    public DoorStrike Strike(DoorId door) => _strikes[door];

    public void Dispose()
    {
        foreach (var strike in _strikes.Values)
            strike.Dispose();
        _outputs.Dispose();
    }
}
