using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>
/// The SoC chip and its I/O expanders as one <see cref="IGpioChip"/>, so the hardware map, the doors, the readers'
/// feedback lines, <c>gpio list</c> and <c>safe-state</c> use expander lines exactly as SoC lines. A name
/// <c>expander-1:GPB0</c> goes to the expander called <c>expander-1</c>; any other name to the SoC chip. Expander
/// <c>k</c> (0-based, in configuration order) has offsets <c>1000·(k+1) + pin</c>, which no SoC chip reaches, so an
/// offset names one line of one chip. A request that mixes chips is split per chip and looks like one request.
/// </summary>
public sealed class GpioChipWithExpanders : IGpioChip
{
    /// <summary>The first offset of the first expander; SoC chips have far fewer lines.</summary>
    public const uint OffsetBlock = 1000;

    private readonly IGpioChip _soc;
    private readonly IReadOnlyList<ExpanderChip> _expanders;

    public GpioChipWithExpanders(IGpioChip soc, IReadOnlyList<ExpanderChip> expanders)
    {
        if (soc.ListLines().Count >= OffsetBlock)
            throw new GpioException($"{soc.Name} has {soc.ListLines().Count} lines: more than the {OffsetBlock} expander offsets leave room for");
        _soc = soc;
        _expanders = expanders;
    }

    public IReadOnlyList<ExpanderChip> Expanders => _expanders;

    public string Name => _soc.Name;

    public string Label => _soc.Label;

    public long NowNs => _soc.NowNs;

    public IReadOnlyList<GpioLineInfo> ListLines()
    {
        var lines = _soc.ListLines().ToList();
        for (var k = 0; k < _expanders.Count; k++)
        {
            var expander = _expanders[k];
            lines.AddRange(expander.ListLines().Select(l => l with { Offset = Global(k, l.Offset), Name = $"{expander.Name}:{l.Name}" }));
        }
        return lines;
    }

    public LineOffset ResolveLine(string nameOrOffset)
    {
        var colon = nameOrOffset.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return _soc.ResolveLine(nameOrOffset);
        var name = nameOrOffset[..colon];
        var k = IndexOf(name);
        if (k < 0)
        {
            var known = _expanders.Count == 0 ? "none is configured (Gpio:Expanders)" : "configured: " + string.Join(", ", _expanders.Select(e => e.Name));
            throw new GpioLineNotFoundException($"line '{nameOrOffset}' names an expander '{name}' that does not exist; {known}");
        }
        return Global(k, _expanders[k].ResolveLine(nameOrOffset[(colon + 1)..]));
    }

    public IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        var parts = new List<(IOutputLineRequest Request, Func<LineOffset, LineOffset?> Local)>();
        try
        {
            foreach (var group in lines.GroupBy(l => ChipIndex(l.Offset)))
            {
                var k = group.Key;
                var chip = Chip(k);
                var request = chip.RequestOutputs(consumer, [.. group.Select(l => l with { Offset = Local(k, l.Offset) })]);
                parts.Add((request, offset => ChipIndex(offset) == k ? Local(k, offset) : null));
            }
        }
        catch
        {
            parts.ForEach(p => p.Request.Dispose());
            throw;
        }
        return parts.Count == 1 && ChipIndex(lines[0].Offset) < 0 ? parts[0].Request : new SplitOutputRequest(parts);
    }

    public IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        var parts = new List<(IInputLineRequest Request, Func<LineOffset, LineOffset> Global, Func<LineOffset, LineOffset?> Local)>();
        try
        {
            foreach (var group in lines.GroupBy(l => ChipIndex(l.Offset)))
            {
                var k = group.Key;
                var request = Chip(k).RequestInputs(consumer, [.. group.Select(l => l with { Offset = Local(k, l.Offset) })], eventBufferSize);
                parts.Add((request, offset => Global(k, offset), offset => ChipIndex(offset) == k ? Local(k, offset) : null));
            }
        }
        catch
        {
            parts.ForEach(p => p.Request.Dispose());
            throw;
        }
        return parts.Count == 1 && ChipIndex(lines[0].Offset) < 0 ? parts[0].Request : new MergedInputRequest(parts, eventBufferSize);
    }

    private int IndexOf(string name)
    {
        for (var k = 0; k < _expanders.Count; k++)
        {
            if (string.Equals(_expanders[k].Name, name, StringComparison.OrdinalIgnoreCase))
                return k;
        }
        return -1;
    }

    /// <summary>-1 for the SoC chip, else the expander's index.</summary>
    private static int ChipIndex(LineOffset offset) => (int)(offset.Value / OffsetBlock) - 1;

    private IGpioChip Chip(int k) => k < 0 ? _soc
        : k < _expanders.Count ? _expanders[k]
        : throw new GpioLineNotFoundException($"no line offset {(k + 1) * OffsetBlock}: only {_expanders.Count} expander(s) are configured");

    private static LineOffset Global(int k, LineOffset local) => k < 0 ? local : new LineOffset((uint)(k + 1) * OffsetBlock + local.Value);

    private static LineOffset Local(int k, LineOffset global) => k < 0 ? global : new LineOffset(global.Value - (uint)(k + 1) * OffsetBlock);

    public void Dispose()
    {
        foreach (var expander in _expanders)
            expander.Dispose();
        _soc.Dispose();
    }
}
