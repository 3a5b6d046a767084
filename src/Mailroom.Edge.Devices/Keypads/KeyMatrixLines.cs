using System.Diagnostics;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Devices.Keypads;

/// <summary>
/// A matrix keypad's lines, held for scanning: the rows as open-drain outputs, driven low one at a time and otherwise
/// left floating, the columns as inputs pulled up, so a closed key pulls its column low while its row is driven. Open
/// drain matters: two keys in one column join two rows, and a push-pull pad would then short a row driven high against
/// one driven low. The columns are read, never interrupt-driven (a scan is a handful of reads every few milliseconds).
/// Disposing releases every row (floating) and then the lines.
/// </summary>
public sealed class KeyMatrixLines : IDisposable
{
    /// <summary>
    /// How long a column may take to float back up after the row that pulled it low is released: its pull-up charges
    /// the wiring's capacitance, about 50 kΩ (the Pi's internal pull) × 20–100 pF (a ribbon up to a metre) = 1–5 µs per
    /// time constant. Read too early, the previous row's key would show on the next row too. The scan waits only while a
    /// column still reads low with no row driven, so an idle pad costs no waiting at all; a column low for longer than
    /// this is left as it is, and its keys then read closed on every row (several keys, reported).
    /// </summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMicroseconds(50);

    private readonly LineOffset[] _rows;
    private readonly LineOffset[] _columns;
    private readonly IOutputLineRequest _rowLines;
    private readonly IInputLineRequest _columnLines;
    private readonly long _settleTicks;
    private int _disposed;

    private KeyMatrixLines(LineOffset[] rows, LineOffset[] columns, IOutputLineRequest rowLines, IInputLineRequest columnLines, TimeSpan settle)
    {
        _rows = rows;
        _columns = columns;
        _rowLines = rowLines;
        _columnLines = columnLines;
        _settleTicks = (long)(settle.TotalSeconds * Stopwatch.Frequency);
    }

    public IReadOnlyList<LineOffset> Rows => _rows;

    public IReadOnlyList<LineOffset> Columns => _columns;

    /// <summary>Requests the rows (floating) and the columns (pulled up); releases the rows again if the columns fail.</summary>
    public static KeyMatrixLines Request(IGpioChip chip, string consumer, IReadOnlyList<LineOffset> rows, IReadOnlyList<LineOffset> columns,
        TimeSpan? settle = null)
    {
        if (rows.Count is < 1 or > KeyMatrixLayout.MaxLines || columns.Count is < 1 or > KeyMatrixLayout.MaxLines)
            throw new ArgumentException($"a key matrix has 1..{KeyMatrixLayout.MaxLines} rows and columns");
        // Logical active = driven low: released (floating) is the safe value requested with the line.
        var rowLines = chip.RequestOutputs($"{consumer}:rows",
            [.. rows.Select(r => new OutputLineSettings(r, ActiveLow: true, SafeActive: false, Drive: OutputDrive.OpenDrain))]);
        try
        {
            // Logical true = pulled low by a closed key. No edges: the scan reads the level.
            var columnLines = chip.RequestInputs($"{consumer}:columns",
                [.. columns.Select(c => new InputLineSettings(c, LineBias.PullUp, ActiveLow: true, EdgeDetection.None))], eventBufferSize: 16);
            return new KeyMatrixLines([.. rows], [.. columns], rowLines, columnLines, settle ?? DefaultSettle);
        }
        catch
        {
            rowLines.Dispose();
            throw;
        }
    }

    /// <summary>One full scan: each row driven in turn, every column read; bit <c>row × columns + column</c> set for a
    /// column that read closed while that row was driven. Only one row is ever driven.</summary>
    public ulong Scan()
    {
        ulong closed = 0;
        for (var r = 0; r < _rows.Length; r++)
        {
            AwaitColumnsUp();
            _rowLines.SetValue(_rows[r], true);
            try
            {
                for (var c = 0; c < _columns.Length; c++)
                {
                    if (_columnLines.GetValue(_columns[c]))
                        closed |= 1UL << (r * _columns.Length + c);
                }
            }
            finally
            {
                _rowLines.SetValue(_rows[r], false);
            }
        }
        return closed;
    }

    /// <summary>Waits (at most the settle time) until no column reads low while no row is driven.</summary>
    private void AwaitColumnsUp()
    {
        var until = 0L;
        while (AnyColumnLow())
        {
            // Microseconds: far below any sleep's granularity, so spin.
            var now = Stopwatch.GetTimestamp();
            if (until == 0)
                until = now + _settleTicks;
            else if (now >= until)
                return;
            Thread.SpinWait(8);
        }
    }

    private bool AnyColumnLow()
    {
        foreach (var column in _columns)
        {
            if (_columnLines.GetValue(column))
                return true;
        }
        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        try
        {
            foreach (var row in _rows)
                _rowLines.SetValue(row, false);
        }
        finally
        {
            _columnLines.Dispose();
            _rowLines.Dispose();
        }
    }
}
