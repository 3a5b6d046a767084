using System.Net.Sockets;
using System.Text;

namespace Mailroom.Edge.Testing;

/// <summary>Plays systemd's side of sd_notify: a real Unix datagram socket, bound to a path or an abstract name.</summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly string? _file;

    private NotifySocket(string address, string? file)
    {
        Address = address;
        _file = file;
        _socket.Bind(new UnixDomainSocketEndPoint(address[0] == '@' ? "\0" + address[1..] : address));
    }

    /// <summary>The value systemd would put in NOTIFY_SOCKET.</summary>
    public string Address { get; }

    public static NotifySocket AtPath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"mailroom-notify-{Guid.NewGuid():N}.sock");
        return new NotifySocket(file, file);
    }

    public static NotifySocket Abstract() => new($"@mailroom-notify-{Guid.NewGuid():N}", null);

    /// <summary>The next datagram, or null when none arrives within <paramref name="timeout"/>.</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            var count = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            return Encoding.UTF8.GetString(buffer, 0, count);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits for a datagram containing <paramref name="assignment"/>; returns every datagram seen until then.</summary>
    public Task<List<string>> WaitForAsync(string assignment, TimeSpan timeout) =>
        WaitForAsync(datagram => datagram.Split('\n').Contains(assignment), assignment, timeout);

    /// <summary>Waits for a datagram with a line starting with <paramref name="prefix"/>; returns every datagram seen until then.</summary>
    public Task<List<string>> WaitForLineStartingAsync(string prefix, TimeSpan timeout) =>
        WaitForAsync(datagram => datagram.Split('\n').Any(line => line.StartsWith(prefix, StringComparison.Ordinal)), prefix, timeout);

    private async Task<List<string>> WaitForAsync(Func<string, bool> matches, string assignment, TimeSpan timeout)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var datagram = await ReceiveAsync(deadline - DateTime.UtcNow);
            if (datagram is null)
                break;
            seen.Add(datagram);
            if (matches(datagram))
                return seen;
        }
        throw new TimeoutException($"no '{assignment}' within {timeout}; saw: {string.Join(" | ", seen)}");
    }

    /// <summary>Everything that arrives within <paramref name="window"/>.</summary>
    public async Task<List<string>> CollectAsync(TimeSpan window)
    {
        var seen = new List<string>();
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline && await ReceiveAsync(deadline - DateTime.UtcNow) is { } datagram)
            seen.Add(datagram);
        return seen;
    }

    public void Dispose()
    {
        _socket.Dispose();
        if (_file is not null)
            File.Delete(_file);
    }
}
