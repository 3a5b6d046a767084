using System.Numerics;

namespace Mailroom.Edge.Devices.Keypads;

/// <summary>
/// Turns successive scans of a key matrix (one bit per closed key) into key presses, pure and single-threaded (the scan
/// loop owns it). A reading counts only once it has stayed the same for <see cref="Debounce"/>, so contact bounce and a
/// one-scan glitch are never keys. A key is taken when the reading settles on it alone, once however long it is held
/// (no auto-repeat: a held <c>1</c> is one digit); a quick typist's next key counts even when the gap between the two
/// was shorter than the debounce. Several keys at once are refused, not guessed at: on a
/// matrix without diodes three keys at the corners of a rectangle read as four (the fourth a ghost), so no subset of a
/// multi-key reading can be trusted; the pad then takes nothing until every key is up. A key closed for
/// <see cref="StuckAfter"/> is reported once as stuck; one already closed when scanning starts is never a press.
/// </summary>
public sealed class KeyMatrixTracker
{
    private readonly KeyMatrixLayout _layout;
    private readonly TimeProvider _time;
    private ulong _candidate;
    private long _candidateSince;
    private ulong? _stable;
    private long _stableSince;
    private bool _blocked;
    private bool _reportedSeveral;
    private bool _reportedStuck;

    public KeyMatrixTracker(KeyMatrixLayout layout, TimeProvider time, TimeSpan debounce, TimeSpan stuckAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(debounce, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stuckAfter, debounce);
        _layout = layout;
        _time = time;
        Debounce = debounce;
        StuckAfter = stuckAfter;
        _candidateSince = time.GetTimestamp();
    }

    public TimeSpan Debounce { get; }

    public TimeSpan StuckAfter { get; }

    /// <summary>The keys down in the debounced reading, as printed on them; empty when none (or before the first).</summary>
    public string KeysDown => _stable is { } s ? Labels(s) : "";

    /// <summary>Takes one scan (bit <c>row × columns + column</c> set for a closed key); returns what it completes.</summary>
    public KeyMatrixReport? OnScan(ulong closed)
    {
        var now = _time.GetTimestamp();
        if (closed != _candidate)
        {
            _candidate = closed;
            _candidateSince = now;
        }
        if (closed != _stable && _time.GetElapsedTime(_candidateSince, now) >= Debounce)
            return Settle(closed, now);
        return CheckStuck(now);
    }

    private KeyMatrixReport? Settle(ulong closed, long now)
    {
        var first = _stable is null;
        _stable = closed;
        _stableSince = now;
        if (closed == 0)
        {
            // Every key up: the pad takes the next key again.
            _blocked = false;
            _reportedSeveral = false;
            _reportedStuck = false;
            return null;
        }
        if (BitOperations.PopCount(closed) > 1)
        {
            _blocked = true;
            if (_reportedSeveral)
                return null;
            _reportedSeveral = true;
            // Which keys is left out of the problem (it goes to the log and the broker): they may be digits of a PIN.
            var count = BitOperations.PopCount(closed);
            return new KeyMatrixReport(KeyMatrixReportKind.SeveralKeys, Labels(closed),
                $"{count} keys read closed at once: no key taken until all are released" +
                (count > 3 ? " (four can be three and a ghost on a matrix without diodes)" : ""));
        }
        if (first || _blocked)
        {
            // Down at start-up, or left over from several keys or a stuck one: not a press until the pad has been all up.
            _blocked = true;
            return null;
        }
        return new KeyMatrixReport(KeyMatrixReportKind.Pressed, Labels(closed));
    }

    private KeyMatrixReport? CheckStuck(long now)
    {
        if (_stable is not { } down || down == 0 || _reportedStuck || _time.GetElapsedTime(_stableSince, now) < StuckAfter)
            return null;
        _reportedStuck = true;
        _blocked = true;
        var labels = Labels(down);
        return new KeyMatrixReport(KeyMatrixReportKind.Stuck, labels,
            $"key{(labels.Length > 1 ? "s" : "")} {string.Join(" ", labels.AsEnumerable())} closed for {StuckAfter.TotalSeconds:0.#} s " +
            "(stuck, shorted, or pressed on): the keypad takes no key until it opens");
    }

    private string Labels(ulong closed)
    {
        var labels = new System.Text.StringBuilder();
        for (var bits = closed; bits != 0; bits &= bits - 1)
            labels.Append(_layout.LabelAt(BitOperations.TrailingZeroCount(bits)));
        return labels.ToString();
    }
}
