using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Gpio.Tests.Simulated;

/// <summary>The simulated chip must behave like the kernel's GPIO character device, or tests on it prove nothing.</summary>
public sealed class SimulatedGpioChipTests : IDisposable
{
    private static readonly LineOffset A = new(23);
    private static readonly LineOffset B = new(24);
    private readonly ManualTimeProvider _time = new();
    private readonly SimulatedGpioChip _chip;

    public SimulatedGpioChipTests() => _chip = new SimulatedGpioChip(_time);

    private static List<LineEdgeEvent> Drain(IInputLineRequest request)
    {
        var events = new List<LineEdgeEvent>();
        while (request.Events.TryRead(out var e))
            events.Add(e);
        return events;
    }

    [Fact]
    public void Edges_are_stamped_on_the_controlled_clock()
    {
        using var request = _chip.RequestInputs("t", [new InputLineSettings(A)], 16);
        _time.Advance(TimeSpan.FromMilliseconds(5));

        _chip.SetInputLevel(A, high: false);

        var e = Assert.Single(Drain(request));
        Assert.Equal(5_000_000, e.TimestampNs);
        Assert.Equal(EdgeKind.Falling, e.Edge);
        Assert.Equal(A, e.Offset);
    }

    [Fact]
    public void Events_across_lines_arrive_in_order_with_request_and_line_sequence_numbers()
    {
        using var request = _chip.RequestInputs("t", [new InputLineSettings(A), new InputLineSettings(B)], 16);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _chip.InjectEdge(A, false, 100);
        _chip.InjectEdge(B, false, 200);
        _chip.InjectEdge(A, true, 300);

        var events = Drain(request);
        Assert.Equal([(A, 1u, 1u), (B, 2u, 1u), (A, 3u, 2u)], events.Select(e => (e.Offset, e.SeqNo, e.LineSeqNo)));
        Assert.Equal([100L, 200L, 300L], events.Select(e => e.TimestampNs));
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_events_and_leaves_a_gap_in_seqno()
    {
        using var request = _chip.RequestInputs("t", [new InputLineSettings(A)], 4);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        for (var i = 1; i <= 6; i++)
            _chip.InjectEdge(A, i % 2 == 0, i * 10);

        Assert.Equal([3u, 4u, 5u, 6u], Drain(request).Select(e => e.SeqNo));
    }

    [Fact]
    public void A_held_line_is_busy_for_another_request_and_free_after_release()
    {
        var first = _chip.RequestInputs("reader", [new InputLineSettings(A)], 16);

        var busy = Assert.Throws<GpioLineBusyException>(() => _chip.RequestOutputs("other", [new OutputLineSettings(A)]));
        Assert.Equal("reader", busy.Consumer);
        Assert.Contains("held by 'reader'", busy.Message);

        first.Dispose();
        using var second = _chip.RequestOutputs("other", [new OutputLineSettings(A)]);
        Assert.Contains(_chip.ListLines(), l => l.Offset == A && l.Used && l.Consumer == "other" && l.IsOutput);
    }

    [Fact]
    public void The_same_line_twice_in_one_request_is_busy()
    {
        Assert.Throws<GpioLineBusyException>(() => _chip.RequestInputs("t", [new InputLineSettings(A), new InputLineSettings(A)], 16));
        Assert.DoesNotContain(_chip.ListLines(), l => l.Used);
    }

    [Fact]
    public void Outputs_start_at_their_safe_value_and_record_when_they_change()
    {
        var changes = new List<OutputChange>();
        _chip.OutputChanged += changes.Add;

        using var outputs = _chip.RequestOutputs("strike", [new OutputLineSettings(B, ActiveLow: true, SafeActive: false)]);
        _time.Advance(TimeSpan.FromMilliseconds(3));
        outputs.SetValue(B, true);

        // Active-low and inactive at request means physically high: lines idle high, so nothing moved at request.
        var change = Assert.Single(changes);
        Assert.Equal((B, true, false, 3_000_000L), (change.Offset, change.Active, change.PhysicalHigh, change.TimestampNs));
        Assert.True(outputs.GetValue(B));
    }

    [Fact]
    public void A_released_output_keeps_its_value_as_the_kernel_does()
    {
        var outputs = _chip.RequestOutputs("strike", [new OutputLineSettings(B)]);
        outputs.SetValue(B, true);

        outputs.Dispose();

        Assert.True(_chip.IsHigh(B));
    }

    [Fact]
    public void Active_low_inputs_report_logical_edges_and_only_the_edges_asked_for()
    {
        using var request = _chip.RequestInputs("t", [new InputLineSettings(A, ActiveLow: true, Edges: EdgeDetection.Rising)], 16);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        _chip.InjectEdge(A, false, 10);   // physical fall = logical rise: reported
        _chip.InjectEdge(A, true, 20);    // physical rise = logical fall: not asked for

        var e = Assert.Single(Drain(request));
        Assert.Equal(EdgeKind.Rising, e.Edge);
        Assert.True(request.GetValue(A) is false);
    }

    [Fact]
    public void Time_never_goes_backwards_or_into_the_future()
    {
        using var request = _chip.RequestInputs("t", [new InputLineSettings(A)], 16);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        _chip.InjectEdge(A, false, 500);

        Assert.Throws<ArgumentOutOfRangeException>(() => _chip.InjectEdge(A, true, 400));
        Assert.Throws<ArgumentOutOfRangeException>(() => _chip.InjectEdge(A, true, _chip.NowNs + 1));
    }

    [Fact]
    public void Unknown_lines_are_named_with_the_ones_that_exist()
    {
        var error = Assert.Throws<GpioLineNotFoundException>(() => _chip.ResolveLine("GPIO99"));

        Assert.Contains("GPIO0..GPIO53", error.Message);
        Assert.Equal(new LineOffset(17), _chip.ResolveLine("GPIO17"));
        Assert.Equal(new LineOffset(17), _chip.ResolveLine("17"));
    }

    [Fact]
    public void Releasing_an_input_request_completes_its_channel()
    {
        var request = _chip.RequestInputs("t", [new InputLineSettings(A)], 16);

        request.Dispose();

        Assert.True(request.Events.Completion.IsCompleted);
    }

    public void Dispose() => _chip.Dispose();
}
