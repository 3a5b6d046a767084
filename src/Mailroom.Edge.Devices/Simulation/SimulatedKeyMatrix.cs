using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Devices.Simulation;

/// <summary>
/// A matrix keypad wired to a <see cref="SimulatedGpioChip"/>, for tests and the simulator: each key is a switch between
/// its row and its column. A column reads low only while a closed key joins it to a row that is driven low, and high
/// (its pull-up) otherwise. Without <see cref="Diodes"/> current also flows backwards through other closed keys, as on a
/// real pad: hold three keys at the corners of a rectangle and the fourth reads closed too (ghosting). With a diode in
/// series with each key (cathode towards the row) only a key's own row pulls its column.
/// </summary>
public sealed class SimulatedKeyMatrix : IDisposable
{
    private readonly SimulatedGpioChip _chip;
    private readonly LineOffset[] _rows;
    private readonly LineOffset[] _columns;
    private readonly KeyMatrixLayout _layout;
    private readonly Lock _gate = new();
    private readonly bool[,] _closed;

    public SimulatedKeyMatrix(SimulatedGpioChip chip, IReadOnlyList<LineOffset> rows, IReadOnlyList<LineOffset> columns, KeyMatrixLayout layout)
    {
        if (rows.Count != layout.Rows || columns.Count != layout.Columns)
            throw new ArgumentException($"a {layout.Rows}×{layout.Columns} layout needs as many rows and columns");
        _chip = chip;
        _rows = [.. rows];
        _columns = [.. columns];
        _layout = layout;
        _closed = new bool[layout.Rows, layout.Columns];
        _chip.OutputChanged += OnOutputChanged;
        Update();
    }

    /// <summary>A diode in series with each key (the cure for ghosting). Off by default: most cheap pads have none.</summary>
    public bool Diodes { get; init; }

    /// <summary>Closes the key with this label (keeps it closed until released).</summary>
    public void Press(char label) => Set(label, true);

    public void Release(char label) => Set(label, false);

    public void ReleaseAll()
    {
        lock (_gate)
            Array.Clear(_closed);
        Update();
    }

    private void Set(char label, bool closed)
    {
        var index = _layout.Keys.IndexOf(label, StringComparison.Ordinal);
        if (index < 0)
            throw new ArgumentException($"the pad has no key '{label}' (its keys: {_layout.Keys})", nameof(label));
        lock (_gate)
            _closed[index / _layout.Columns, index % _layout.Columns] = closed;
        Update();
    }

    private void OnOutputChanged(OutputChange change)
    {
        if (Array.IndexOf(_rows, change.Offset) >= 0)
            Update();
    }

    /// <summary>Sets every column to what the wiring makes of the rows' levels and the closed keys.</summary>
    private void Update()
    {
        lock (_gate)
        {
            var rowLow = _rows.Select(r => !_chip.IsHigh(r)).ToArray();
            var columnLow = Diodes ? DirectlyPulled(rowLow) : ThroughAnyPath(rowLow);
            for (var c = 0; c < _columns.Length; c++)
                _chip.SetInputLevel(_columns[c], !columnLow[c]);
        }
    }

    private bool[] DirectlyPulled(bool[] rowLow)
    {
        var low = new bool[_columns.Length];
        for (var r = 0; r < _rows.Length; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
                low[c] |= rowLow[r] && _closed[r, c];
        }
        return low;
    }

    /// <summary>Without diodes the closed keys make a network: a column is low when any path of closed keys leads from it
    /// to a driven row (rows not driven float, so they only pass the level on).</summary>
    private bool[] ThroughAnyPath(bool[] rowLow)
    {
        var rowReached = (bool[])rowLow.Clone();
        var columnReached = new bool[_columns.Length];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var r = 0; r < _rows.Length; r++)
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    if (!_closed[r, c] || rowReached[r] == columnReached[c])
                        continue;
                    rowReached[r] = columnReached[c] = true;
                    changed = true;
                }
            }
        }
        return columnReached;
    }

    public void Dispose() => _chip.OutputChanged -= OnOutputChanged;
}
