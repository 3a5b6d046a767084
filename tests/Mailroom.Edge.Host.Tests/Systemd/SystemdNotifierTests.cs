using Mailroom.Edge.Host.Systemd;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Systemd;

public sealed class SystemdNotifierTests
{
    [Fact]
    public async Task Sends_one_datagram_to_a_path_socket()
    {
        using var systemd = NotifySocket.AtPath();
        using var notifier = SystemdNotifier.Create(systemd.Address)!;

        Assert.True(notifier.Notify("READY=1\nSTATUS=ready"));

        Assert.Equal("READY=1\nSTATUS=ready", await systemd.ReceiveAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Sends_to_an_abstract_socket_named_with_an_at_sign()
    {
        using var systemd = NotifySocket.Abstract();
        using var notifier = SystemdNotifier.Create(systemd.Address)!;

        Assert.True(notifier.Notify("WATCHDOG=1"));

        Assert.Equal("WATCHDOG=1", await systemd.ReceiveAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_vanished_socket_is_reported_not_thrown()
    {
        var address = NotifySocket.AtPath();
        var path = address.Address;
        address.Dispose();
        using var notifier = SystemdNotifier.Create(path)!;

        Assert.False(notifier.Notify("WATCHDOG=1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@")]
    [InlineData("relative/socket")]
    [InlineData("vsock:2:1234")]
    public void No_notifier_without_a_usable_socket(string? address) => Assert.Null(SystemdNotifier.Create(address));

    [Theory]
    [InlineData("30000000", null, 30.0)]
    [InlineData("30000000", "4242", 30.0)]
    [InlineData("30000000", "1", null)]
    [InlineData("0", null, null)]
    [InlineData(null, null, null)]
    [InlineData("soon", null, null)]
    public void Watchdog_timeout_comes_from_WATCHDOG_USEC_for_this_process(string? usec, string? pid, double? seconds) =>
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, SystemdNotifier.WatchdogTimeout(usec, pid, 4242));
}
