using Mailroom.Edge.Core.Readers.Keypad;

namespace Mailroom.Edge.Devices.Keypads;

/// <summary>
/// What is printed on each key of a matrix keypad, row by row: <c>"123456789*0#"</c> for the common 4×3 pad,
/// <c>"123A456B789C*0#D"</c> for the 4×4. Digits, <c>*</c> (clears the PIN) and <c>#</c> (submits it) feed PIN entry;
/// the letters A–D of a 4×4 pad have no function in PIN entry, so pressing one is reported and otherwise ignored (a
/// letter must never be read as a digit, and silently dropping it would leave the person wondering).
/// </summary>
public sealed class KeyMatrixLayout
{
    /// <summary>Eight rows by eight columns: the scan result is one bit per key in a 64-bit mask.</summary>
    public const int MaxLines = 8;

    private const string FourByThree = "123456789*0#";
    private const string FourByFour = "123A456B789C*0#D";

    private KeyMatrixLayout(int rows, int columns, string keys)
    {
        Rows = rows;
        Columns = columns;
        Keys = keys;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The key labels, row-major.</summary>
    public string Keys { get; }

    /// <summary>The layout every common pad of that size has (4×3 phone pad, 4×4 with A–D), or null when there is none.</summary>
    public static string? DefaultKeys(int rows, int columns) => (rows, columns) switch
    {
        (4, 3) => FourByThree,
        (4, 4) => FourByFour,
        _ => null,
    };

    /// <summary>Checks a layout; returns the problem, or null when <paramref name="layout"/> is usable. An empty
    /// <paramref name="keys"/> means the default for the size.</summary>
    public static string? TryCreate(int rows, int columns, string keys, out KeyMatrixLayout? layout)
    {
        layout = null;
        if (rows is < 1 or > MaxLines || columns is < 1 or > MaxLines)
            return $"a matrix has 1..{MaxLines} rows and 1..{MaxLines} columns; this one has {rows} rows and {columns} columns";
        if (keys.Length == 0)
        {
            if (DefaultKeys(rows, columns) is not { } standard)
                return $"a {rows}×{columns} matrix has no default layout; list its {rows * columns} keys row by row (e.g. \"123456789*0#\" for 4×3)";
            keys = standard;
        }
        if (keys.Length != rows * columns)
            return $"'{keys}' has {keys.Length} keys, but {rows} rows × {columns} columns make {rows * columns}";
        var bad = keys.Where(c => !IsDigitOrSymbol(c) && c is not (>= 'A' and <= 'D')).Distinct().ToList();
        if (bad.Count > 0)
            return $"'{keys}' has {string.Join(", ", bad.Select(c => $"'{c}'"))}; keys are 0-9, *, # and A-D";
        var twice = keys.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (twice.Count > 0)
            return $"'{keys}' has {string.Join(", ", twice.Select(c => $"'{c}'"))} more than once; each key is on the pad once";
        layout = new KeyMatrixLayout(rows, columns, keys);
        return null;
    }

    /// <summary>The label of the key where <paramref name="row"/> crosses <paramref name="column"/>.</summary>
    public char LabelAt(int row, int column) => Keys[row * Columns + column];

    /// <summary>The label of the key at a bit index of the scan mask (row × columns + column).</summary>
    public char LabelAt(int index) => Keys[index];

    /// <summary>The PIN entry key of a label; null for a letter, which PIN entry has no use for.</summary>
    public static KeypadKey? PinKey(char label) => label switch
    {
        >= '0' and <= '9' => (KeypadKey)(label - '0'),
        '*' => KeypadKey.Star,
        '#' => KeypadKey.Hash,
        _ => null,
    };

    private static bool IsDigitOrSymbol(char c) => c is (>= '0' and <= '9') or '*' or '#';
}
