using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Doors;

public sealed class DoorStrikeTests : IDisposable
{
    private static readonly LineOffset Line = new(17);
    private readonly ManualTimeProvider _time = new();
    private readonly RecordingOutputs _outputs = new();

    [Fact]
    public void A_grant_energises_a_fail_secure_strike_for_the_grant_time()
    {
        using var strike = new DoorStrike(_outputs, Line, energiseToUnlock: true, _time);

        strike.Unlock(TimeSpan.FromSeconds(5));
        Assert.True(_outputs.Value);
        _time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.True(strike.IsUnlocked);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(_outputs.Value);
        Assert.False(strike.IsUnlocked);
    }

    [Fact]
    public void A_fail_safe_maglock_is_de_energised_to_unlock()
    {
        using var strike = new DoorStrike(_outputs, Line, energiseToUnlock: false, _time);

        strike.Unlock(TimeSpan.FromSeconds(1));
        Assert.False(_outputs.Value);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(_outputs.Value);
    }

    [Fact]
    public void A_second_grant_extends_the_first()
    {
        using var strike = new DoorStrike(_outputs, Line, energiseToUnlock: true, _time);
        strike.Unlock(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));

        strike.Unlock(TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.True(_outputs.Value);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.False(_outputs.Value);
    }

    [Fact]
    public void Dispose_relocks_at_once()
    {
        var strike = new DoorStrike(_outputs, Line, energiseToUnlock: true, _time);
        strike.Unlock(TimeSpan.FromMinutes(1));

        strike.Dispose();

        Assert.False(_outputs.Value);
        Assert.Throws<ObjectDisposedException>(() => strike.Unlock(TimeSpan.FromSeconds(1)));
    }

    public void Dispose() => _outputs.Dispose();

    private sealed class RecordingOutputs : IOutputLineRequest
    {
        public bool Value { get; private set; }

        public void SetValue(LineOffset offset, bool active)
        {
            Assert.Equal(Line, offset);
            Value = active;
        }

        public bool GetValue(LineOffset offset) => Value;

        public void Dispose()
        {
        }
    }
}
