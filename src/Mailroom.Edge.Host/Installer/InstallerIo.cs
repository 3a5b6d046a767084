using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Observed;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;

namespace Mailroom.Edge.Host.Installer;

/// <summary>One row of the I/O view: a configured function's line as the agent holds it, or a line of the chip the
/// configuration does not use (<see cref="Function"/> null) with whoever holds it.</summary>
public sealed record IoLine(
    string? Function, string Line, uint Offset, string Direction, string Consumer, bool ActiveLow, bool? Logical, bool? Electrical,
    DateTimeOffset? LastChange, string? LastEdge, long Changes);

/// <summary>
/// The I/O view: every configured line with its function (the configuration key), logical and electrical value and
/// last change, read through the <see cref="ObservedGpioChip"/> the doors hold their lines on; then every other line of
/// the chip with its consumer, as <c>gpio list</c> prints them. A line's last change is the kernel's timestamp of the
/// last edge its owner read (or of the last write that moved an output), turned into wall-clock time.
/// </summary>
public sealed class InstallerIo(ObservedGpioChip chip, EdgeOptions options, TimeProvider time)
{
    private readonly Lazy<IReadOnlyDictionary<uint, MappedLine>> _functions = new(() => Functions(options, chip));

    public IReadOnlyList<IoLine> Lines()
    {
        var held = chip.HeldLines().ToDictionary(l => l.Offset.Value);
        var info = chip.ListLines().ToDictionary(l => l.Offset.Value);
        var nowNs = chip.NowNs;
        var now = time.GetUtcNow();
        var rows = new List<IoLine>();
        foreach (var (offset, mapped) in _functions.Value.OrderBy(f => f.Value.Key, StringComparer.Ordinal))
        {
            info.TryGetValue(offset, out var line);
            var direction = mapped.IsOutput ? "output" : "input";
            if (held.TryGetValue(offset, out var h))
            {
                var at = h.LastChangeNs is { } ns ? now - TimeSpan.FromTicks((nowNs - ns) / 100) : (DateTimeOffset?)null;
                rows.Add(new IoLine(mapped.Key, mapped.Line, offset, direction, h.Consumer, h.ActiveLow, h.Logical, h.Electrical, at,
                    h.LastEdge is { } edge ? (edge == EdgeKind.Rising ? "to active" : "to inactive") : null, h.Changes));
            }
            else
            {
                // Held outside the doors (an expander's interrupt line), or not held at all: what the chip says of it.
                rows.Add(new IoLine(mapped.Key, mapped.Line, offset, direction, line?.Consumer ?? "", line?.ActiveLow ?? false, null, null, null, null, 0));
            }
        }
        foreach (var line in info.Values.Where(l => !_functions.Value.ContainsKey(l.Offset.Value)).OrderBy(l => l.Offset.Value))
            rows.Add(new IoLine(null, line.Name, line.Offset.Value, line.IsOutput ? "output" : "input", line.Used ? line.Consumer : "", line.ActiveLow, null, null, null, null, 0));
        return rows;
    }

    private static IReadOnlyDictionary<uint, MappedLine> Functions(EdgeOptions options, ObservedGpioChip chip)
    {
        try
        {
            return HardwareMap.Resolve(options, chip).Lines.ToDictionary(l => l.Offset.Value);
        }
        catch (ConfigurationException)
        {
            // The agent would not have started with such a map; a view shows what it can.
            return new Dictionary<uint, MappedLine>();
        }
    }
}
