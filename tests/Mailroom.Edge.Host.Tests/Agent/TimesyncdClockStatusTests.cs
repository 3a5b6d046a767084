using Mailroom.Edge.Host.Clock;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Agent;

/// <summary>The clock status follows timesyncd's flag file, looked at no more than once per recheck interval.</summary>
public sealed class TimesyncdClockStatusTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void The_flag_file_decides_and_is_looked_at_again_only_after_the_recheck_interval()
    {
        var flag = _folder.File("synchronized");
        var status = new TimesyncdClockStatus(flag, _time);
        Assert.False(status.IsSynchronised);

        File.WriteAllText(flag, "");
        Assert.False(status.IsSynchronised);
        _time.Advance(TimesyncdClockStatus.Recheck);
        Assert.True(status.IsSynchronised);

        File.Delete(flag);
        _time.Advance(TimesyncdClockStatus.Recheck);
        Assert.False(status.IsSynchronised);
    }

    public void Dispose() => _folder.Dispose();
}
