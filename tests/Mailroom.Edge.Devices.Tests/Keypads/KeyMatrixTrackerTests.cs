using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Devices.Tests.Keypads;

public sealed class KeyMatrixTrackerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly ManualTimeProvider _time = new();
    private readonly KeyMatrixLayout _layout = Layout();
    private readonly KeyMatrixTracker _tracker;
    private readonly List<KeyMatrixReport> _reports = [];

    public KeyMatrixTrackerTests() =>
        _tracker = new KeyMatrixTracker(_layout, _time, debounce: TimeSpan.FromMilliseconds(20), stuckAfter: TimeSpan.FromSeconds(10));

    internal static KeyMatrixLayout Layout()
    {
        Assert.Null(KeyMatrixLayout.TryCreate(4, 3, "", out var layout));
        return layout!;
    }

    private ulong Mask(string labels) => labels.Aggregate(0UL, (m, l) => m | 1UL << _layout.Keys.IndexOf(l, StringComparison.Ordinal));

    /// <summary>One scan every 10 ms reading <paramref name="labels"/> closed, <paramref name="scans"/> times.</summary>
    private void Scan(string labels, int scans = 1)
    {
        for (var i = 0; i < scans; i++)
        {
            _time.Advance(Interval);
            if (_tracker.OnScan(Mask(labels)) is { } report)
                _reports.Add(report);
        }
    }

    [Fact]
    public void A_key_held_for_two_seconds_is_one_press()
    {
        Scan("", 5);
        Scan("5", 200);
        Scan("", 5);

        var press = Assert.Single(_reports);
        Assert.Equal((KeyMatrixReportKind.Pressed, '5'), (press.Kind, press.Label));
    }

    [Fact]
    public void Bouncing_contacts_make_one_press_and_a_one_scan_glitch_none()
    {
        Scan("", 5);
        Scan("7");
        Scan("");
        Scan("7");
        Scan("");
        Scan("7", 5);
        Scan("", 5);
        Scan("4");
        Scan("", 5);

        var press = Assert.Single(_reports);
        Assert.Equal('7', press.Label);
    }

    [Fact]
    public void Two_keys_at_once_are_reported_once_and_no_key_is_taken_until_all_are_released()
    {
        Scan("", 5);
        Scan("13", 50);
        Scan("1", 50);
        Scan("", 5);
        Scan("2", 5);

        Assert.Equal([KeyMatrixReportKind.SeveralKeys, KeyMatrixReportKind.Pressed], _reports.Select(r => r.Kind));
        Assert.Equal("13", _reports[0].Labels);
        Assert.Equal("2 keys read closed at once: no key taken until all are released", _reports[0].Problem);
        Assert.Equal('2', _reports[1].Label);
    }

    [Fact]
    public void A_quick_typists_next_key_counts_though_the_gap_was_shorter_than_the_debounce()
    {
        Scan("", 5);
        Scan("1", 5);
        Scan("");
        Scan("2", 5);
        Scan("", 5);

        Assert.Equal("12", string.Concat(_reports.Select(r => r.Label)));
    }

    [Fact]
    public void A_stuck_key_is_reported_once_and_the_pad_works_again_once_it_opens()
    {
        Scan("", 5);
        Scan("9", 1100);
        Scan("", 5);
        Scan("0", 5);

        Assert.Equal([KeyMatrixReportKind.Pressed, KeyMatrixReportKind.Stuck, KeyMatrixReportKind.Pressed], _reports.Select(r => r.Kind));
        Assert.Contains("closed for 10 s", _reports[1].Problem);
        Assert.Equal('0', _reports[2].Label);
    }

    [Fact]
    public void A_key_already_down_when_scanning_starts_is_no_press_but_is_reported_stuck()
    {
        Scan("#", 1100);

        var report = Assert.Single(_reports);
        Assert.Equal((KeyMatrixReportKind.Stuck, "#"), (report.Kind, report.Labels));
    }
}
