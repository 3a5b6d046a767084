using Mailroom.Edge.Devices.Keypads;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>The checks of a matrix keypad's settings: its rows and columns (lines not used twice), its layout against
/// their number, its scan timing, and what does not apply to it (D0/D1, card formats).</summary>
internal static class MatrixKeypadCheck
{
    public static readonly TimeSpan MinScanInterval = TimeSpan.FromMilliseconds(2);
    public static readonly TimeSpan MaxScanInterval = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MinDebounce = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan MaxDebounce = TimeSpan.FromMilliseconds(200);

    /// <summary>A key closed this long is stuck (shorted, or something resting on it); no one holds a key 10 s to type.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(10);

    public static void Check(List<string> errors, Dictionary<string, string> lineUse, string key, ReaderOptions r)
    {
        if (r.Rows.Count == 0)
            errors.Add($"{key}:Rows: a matrix keypad needs its row lines, top row first (e.g. [ \"GPIO5\", \"GPIO6\", \"GPIO13\", \"GPIO19\" ])");
        if (r.Columns.Count == 0)
            errors.Add($"{key}:Columns: a matrix keypad needs its column lines, left first (e.g. [ \"GPIO16\", \"GPIO20\", \"GPIO21\" ])");
        for (var i = 0; i < r.Rows.Count; i++)
            EdgeOptionsValidator.ClaimLine(errors, lineUse, $"{key}:Rows:{i}", r.Rows[i]);
        for (var i = 0; i < r.Columns.Count; i++)
            EdgeOptionsValidator.ClaimLine(errors, lineUse, $"{key}:Columns:{i}", r.Columns[i]);
        if (r.Rows.Count > 0 && r.Columns.Count > 0 && KeyMatrixLayout.TryCreate(r.Rows.Count, r.Columns.Count, r.Keys, out _) is { } problem)
            errors.Add($"{key}:Keys: {problem}");
        if (r.ScanInterval < MinScanInterval || r.ScanInterval > MaxScanInterval)
            errors.Add($"{key}:ScanInterval: {r.ScanInterval} is outside {MinScanInterval:c}..{MaxScanInterval:c}");
        if (r.KeyDebounce < MinDebounce || r.KeyDebounce > MaxDebounce)
            errors.Add($"{key}:KeyDebounce: {r.KeyDebounce} is outside {MinDebounce:c}..{MaxDebounce:c}");
        else if (r.KeyDebounce < r.ScanInterval)
            errors.Add($"{key}:KeyDebounce: {r.KeyDebounce} is shorter than ScanInterval {r.ScanInterval}; a reading must be seen on two scans at least");
        if (r.D0.Length > 0 || r.D1.Length > 0)
            errors.Add($"{key}: a matrix keypad has no D0/D1 lines (its lines are Rows and Columns); remove them");
        if (r.Formats.Count > 0)
            errors.Add($"{key}:Formats: a matrix keypad reads no cards; remove the formats");
    }

    /// <summary>Refuses matrix settings on a reader of another kind, where they would silently do nothing.</summary>
    public static void CheckNotMatrix(List<string> errors, string key, ReaderOptions r)
    {
        if (r.Rows.Count > 0 || r.Columns.Count > 0 || r.Keys.Length > 0)
            errors.Add($"{key}: Rows, Columns and Keys are for a MatrixKeypad reader; this one is {r.Kind}");
    }
}
