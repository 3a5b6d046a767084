using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Mailroom.Edge.Host.Systemd;

/// <summary>
/// The sd_notify protocol (https://www.freedesktop.org/software/systemd/man/latest/sd_notify.html): newline-separated
/// <c>KEY=VALUE</c> assignments in one datagram to the Unix socket named by <c>NOTIFY_SOCKET</c>. A leading <c>@</c>
/// names a Linux abstract socket. Written here because Microsoft.Extensions.Hosting.Systemd is not reachable and never
/// sent WATCHDOG=1 anyway.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    public const string SocketVariable = "NOTIFY_SOCKET";

    private readonly Socket _socket;
    private readonly UnixDomainSocketEndPoint _endPoint;
    private readonly Lock _gate = new();

    private SystemdNotifier(string socketPath)
    {
        SocketPath = socketPath;
        // Abstract names start with NUL on the wire; UnixDomainSocketEndPoint maps a leading '@' to it only on some
        // runtimes, so the translation is explicit.
        _endPoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public string SocketPath { get; }

    /// <summary>The notifier for <c>NOTIFY_SOCKET</c>, or null when the service was not started by systemd with Type=notify.</summary>
    public static SystemdNotifier? FromEnvironment() => Create(Environment.GetEnvironmentVariable(SocketVariable));

    /// <summary>Null when <paramref name="socketPath"/> is empty or not a Unix socket address (vsock is not supported).</summary>
    public static SystemdNotifier? Create(string? socketPath)
    {
        if (string.IsNullOrEmpty(socketPath) || (socketPath[0] != '/' && socketPath[0] != '@') || socketPath.Length < 2)
            return null;
        return new SystemdNotifier(socketPath);
    }

    /// <summary>
    /// The watchdog timeout systemd expects pings within, from <c>WATCHDOG_USEC</c>; null when the watchdog is off or
    /// meant for another process (<c>WATCHDOG_PID</c>).
    /// </summary>
    public static TimeSpan? WatchdogTimeout(string? watchdogUsec, string? watchdogPid, int processId)
    {
        if (!ulong.TryParse(watchdogUsec, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec == 0)
            return null;
        if (!string.IsNullOrEmpty(watchdogPid)
            && (!int.TryParse(watchdogPid, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid != processId))
            return null;
        return TimeSpan.FromMicroseconds(usec);
    }

    /// <summary>Sends one datagram of assignments; false when systemd's socket is gone, which must never stop a door.</summary>
    public bool Notify(string state)
    {
        var bytes = Encoding.UTF8.GetBytes(state);
        lock (_gate)
        {
            try
            {
                return _socket.SendTo(bytes, SocketFlags.None, _endPoint) == bytes.Length;
            }
            catch (SocketException)
            {
                return false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
