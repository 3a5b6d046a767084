using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Devices.Tests.Keypads;

/// <summary>The scan over a simulated chip with a simulated pad wired to it, as a real 4×3 pad is wired.</summary>
public sealed class KeyMatrixLinesTests : IDisposable
{
    private readonly SimulatedGpioChip _chip = new(new ManualTimeProvider());
    private readonly LineOffset[] _rows;
    private readonly LineOffset[] _columns;
    private readonly KeyMatrixLayout _layout = KeyMatrixTrackerTests.Layout();

    public KeyMatrixLinesTests()
    {
        _rows = [.. new[] { "GPIO5", "GPIO6", "GPIO13", "GPIO19" }.Select(_chip.ResolveLine)];
        _columns = [.. new[] { "GPIO16", "GPIO20", "GPIO21" }.Select(_chip.ResolveLine)];
    }

    private KeyMatrixLines Request() => KeyMatrixLines.Request(_chip, "test", _rows, _columns, TimeSpan.Zero);

    private string Read(KeyMatrixLines lines)
    {
        var closed = lines.Scan();
        return new string([.. Enumerable.Range(0, 12).Where(i => (closed & 1UL << i) != 0).Select(i => _layout.LabelAt(i))]);
    }

    [Fact]
    public void A_held_key_reads_closed_and_nothing_else_does()
    {
        using var lines = Request();
        using var pad = new SimulatedKeyMatrix(_chip, _rows, _columns, _layout);

        Assert.Equal("", Read(lines));
        pad.Press('8');
        Assert.Equal("8", Read(lines));
        pad.Release('8');
        Assert.Equal("", Read(lines));
    }

    [Fact]
    public void Three_keys_at_the_corners_of_a_rectangle_ghost_a_fourth_unless_the_pad_has_diodes()
    {
        using var lines = Request();
        using (var plain = new SimulatedKeyMatrix(_chip, _rows, _columns, _layout))
        {
            plain.Press('1');
            plain.Press('2');
            plain.Press('4');
            Assert.Equal("1245", Read(lines));
            plain.ReleaseAll();
        }
        using var withDiodes = new SimulatedKeyMatrix(_chip, _rows, _columns, _layout) { Diodes = true };
        withDiodes.Press('1');
        withDiodes.Press('2');
        withDiodes.Press('4');
        Assert.Equal("124", Read(lines));
    }

    [Fact]
    public void Only_one_row_is_ever_driven_and_every_row_floats_after_a_scan_and_after_release()
    {
        var driven = new HashSet<LineOffset>();
        var most = 0;
        _chip.OutputChanged += c =>
        {
            if (c.Active) driven.Add(c.Offset); else driven.Remove(c.Offset);
            most = Math.Max(most, driven.Count);
        };
        var lines = Request();
        using var pad = new SimulatedKeyMatrix(_chip, _rows, _columns, _layout);
        pad.Press('5');
        lines.Scan();

        Assert.Equal(1, most);
        Assert.Empty(driven);
        lines.Dispose();
        Assert.All(_rows, r => Assert.True(_chip.IsHigh(r)));
        // Released: another request can take the lines.
        Request().Dispose();
    }

    public void Dispose() => _chip.Dispose();
}
