using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Feedback;

public sealed class ReaderFeedbackPlayerTests : IDisposable
{
    private static readonly LineOffset Led = new(5);
    private static readonly LineOffset Beeper = new(6);
    private readonly ManualTimeProvider _time = new();
    private readonly Outputs _outputs = new();

    private ReaderFeedbackPlayer NewPlayer() => new(new WiredReaderIndicators(_outputs, new ReaderFeedbackLines(Led, null, Beeper)), _time);

    [Fact]
    public void At_rest_a_single_led_reader_shows_red_and_is_silent()
    {
        using var player = NewPlayer();

        Assert.False(_outputs.Get(Led));
        Assert.False(_outputs.Get(Beeper));
        Assert.Null(player.Playing);
    }

    [Fact]
    public void Granted_beeps_once_shows_green_then_returns_to_rest()
    {
        using var player = NewPlayer();

        player.Play(FeedbackPatterns.Granted);
        Assert.True(_outputs.Get(Led));
        Assert.True(_outputs.Get(Beeper));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(_outputs.Get(Led));
        Assert.False(_outputs.Get(Beeper));
        _time.Advance(TimeSpan.FromMilliseconds(2900));

        Assert.False(_outputs.Get(Led));
        Assert.Null(player.Playing);
    }

    [Fact]
    public void Denied_beeps_three_times()
    {
        using var player = NewPlayer();
        var beeps = 0;
        _outputs.Changed += (line, value) => beeps += line == Beeper && value ? 1 : 0;

        player.Play(FeedbackPatterns.Denied);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(3, beeps);
        Assert.Null(player.Playing);
    }

    [Fact]
    public void Repeating_patterns_run_until_replaced()
    {
        using var player = NewPlayer();

        player.Play(FeedbackPatterns.WaitingForPin);
        for (var i = 0; i < 40; i++)
            _time.Advance(TimeSpan.FromMilliseconds(250));
        Assert.Equal("waiting_for_pin", player.Playing);

        player.Play(FeedbackPatterns.Lockdown);
        Assert.Equal("lockdown", player.Playing);
        player.Stop();
        Assert.Null(player.Playing);
    }

    [Fact]
    public void Pattern_text_from_config_parses()
    {
        Assert.True(FeedbackPatternText.TryParse("granted", "green+beep:200, green:800", out var pattern, out var error), error);
        Assert.Equal([new FeedbackStep(LedColor.Green, true, TimeSpan.FromMilliseconds(200)), new FeedbackStep(LedColor.Green, false, TimeSpan.FromMilliseconds(800))], pattern.Steps);
        Assert.False(FeedbackPatternText.TryParse("x", "blue:100", out _, out _));
        Assert.False(FeedbackPatternText.TryParse("x", "red:0", out _, out _));
        Assert.True(FeedbackPatternText.TryParse("x", "red:100,off:100,repeat", out var looped, out _));
        Assert.True(looped.Repeat);
    }

    public void Dispose() => _outputs.Dispose();

    private sealed class Outputs : IOutputLineRequest
    {
        private readonly Dictionary<LineOffset, bool> _values = [];

        public event Action<LineOffset, bool>? Changed;

        public bool Get(LineOffset offset) => _values.GetValueOrDefault(offset);

        public void SetValue(LineOffset offset, bool active)
        {
            if (_values.GetValueOrDefault(offset) != active)
                Changed?.Invoke(offset, active);
            _values[offset] = active;
        }

        public bool GetValue(LineOffset offset) => Get(offset);

        public void Dispose()
        {
        }
    }
}
