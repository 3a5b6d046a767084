using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Hardware;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>The strike as a plain output; how long it stays released is the controller's (DoorControllerTests).</summary>
public sealed class DoorStrikeTests : IDisposable
{
    private static readonly LineOffset Line = new(17);
    private readonly RecordingOutputs _outputs = new();

    [Fact]
    public void A_fail_secure_strike_is_energised_while_released()
    {
        using var strike = new DoorStrike(_outputs, Line, energiseToUnlock: true);

        strike.Release();
        Assert.True(_outputs.Value);
        Assert.True(strike.IsReleased);
        strike.Lock();

        Assert.False(_outputs.Value);
        Assert.False(strike.IsReleased);
    }

    [Fact]
    public void A_fail_safe_maglock_is_de_energised_to_unlock()
    {
        using var strike = new DoorStrike(_outputs, Line, energiseToUnlock: false);

        strike.Release();
        Assert.False(_outputs.Value);
        strike.Lock();

        Assert.True(_outputs.Value);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Dispose_locks_at_once_and_for_good(bool energiseToUnlock, bool lockedLine)
    {
        var strike = new DoorStrike(_outputs, Line, energiseToUnlock);
        strike.Release();

        strike.Dispose();
        strike.Lock();

        Assert.Equal(lockedLine, _outputs.Value);
        Assert.False(strike.IsReleased);
        Assert.Throws<ObjectDisposedException>(strike.Release);
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
