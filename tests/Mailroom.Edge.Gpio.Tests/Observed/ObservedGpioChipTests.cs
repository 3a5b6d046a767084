using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Observed;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Gpio.Tests.Observed;

/// <summary>What the installer's I/O view shows of a held line: the owner's own values, never a second request.</summary>
public sealed class ObservedGpioChipTests : IDisposable
{
    private static readonly LineOffset Dps = new(22);
    private static readonly LineOffset Strike = new(17);
    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedGpioChip _soc;
    private readonly ObservedGpioChip _chip;

    public ObservedGpioChipTests()
    {
        _soc = new SimulatedGpioChip(_time);
        _chip = new ObservedGpioChip(_soc);
    }

    [Fact]
    public void An_input_edge_is_noted_when_its_owner_reads_it_with_the_logical_and_electrical_value()
    {
        _soc.SetInputLevel(Dps, high: true);
        using var request = _chip.RequestInputs("door-inputs", [new InputLineSettings(Dps, LineBias.PullUp, ActiveLow: true)], 16);
        var before = Assert.Single(_chip.HeldLines());
        Assert.Equal(("door-inputs", false, false, true, (long?)null, 0L), (before.Consumer, before.IsOutput, before.Logical!.Value, before.Electrical!.Value, before.LastChangeNs, before.Changes));

        _time.Advance(TimeSpan.FromMilliseconds(5));
        var at = _soc.NowNs;
        _soc.SetInputLevel(Dps, high: false);
        Assert.Null(Assert.Single(_chip.HeldLines()).LastChangeNs);
        Assert.True(request.Events.TryRead(out var edge));

        var after = Assert.Single(_chip.HeldLines());
        Assert.Equal(EdgeKind.Rising, edge.Edge);
        Assert.Equal((true, false, at, EdgeKind.Rising, 1L), (after.Logical!.Value, after.Electrical!.Value, after.LastChangeNs!.Value, after.LastEdge!.Value, after.Changes));
    }

    [Fact]
    public void An_output_write_is_noted_only_when_it_changes_the_line()
    {
        using var request = _chip.RequestOutputs("strikes", [new OutputLineSettings(Strike, ActiveLow: true, SafeActive: false)]);

        request.SetValue(Strike, false);
        Assert.Equal(0, Assert.Single(_chip.HeldLines()).Changes);
        _time.Advance(TimeSpan.FromSeconds(1));
        request.SetValue(Strike, true);
        request.SetValue(Strike, true);

        var line = Assert.Single(_chip.HeldLines());
        Assert.Equal((true, true, false, 1L, _soc.NowNs), (line.IsOutput, line.Logical!.Value, line.Electrical!.Value, line.Changes, line.LastChangeNs!.Value));
        Assert.False(_soc.IsHigh(Strike));
    }

    [Fact]
    public void A_released_line_is_no_longer_held_and_can_be_requested_again()
    {
        var request = _chip.RequestInputs("reader", [new InputLineSettings(Dps)], 16);
        request.Dispose();

        Assert.Empty(_chip.HeldLines());
        using var again = _chip.RequestOutputs("other", [new OutputLineSettings(Dps)]);
        Assert.Equal("other", Assert.Single(_chip.HeldLines()).Consumer);
    }

    public void Dispose()
    {
        _chip.Dispose();
        _soc.Dispose();
    }
}
