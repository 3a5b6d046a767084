using System.Runtime.InteropServices;
using Mailroom.Edge.Host.Interop;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>An OSDP serial line could not be opened, configured, read or written; the message starts with the device
/// path and gives the kernel's reason.</summary>
public sealed class OsdpLinkException : IOException
{
    public OsdpLinkException() { }

    public OsdpLinkException(string message) : base(message) { }

    public OsdpLinkException(string message, Exception inner) : base(message, inner) { }

    private OsdpLinkException(string message, int errno) : base(message) => Errno = errno;

    /// <summary>The errno of the call that failed; 0 when no call failed (a hang-up, a stall).</summary>
    public int Errno { get; }

    /// <summary>"/dev/ttyUSB0: cannot open: No such file or directory (errno 2)".</summary>
    internal static OsdpLinkException Failed(string port, string what, int errno, string? advice = null) =>
        new($"{port}: {what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}){(advice is null ? "" : $"; {advice}")}", errno);

    /// <summary>The P/Invoke call just made failed (<paramref name="what"/> names it).</summary>
    internal static OsdpLinkException LastCallFailed(string port, string what) => Failed(port, what, Marshal.GetLastPInvokeError());

    /// <summary>An open(2) failure, with what to do for the refusals an installer can fix.</summary>
    internal static OsdpLinkException CannotOpen(string port, int errno) => Failed(port, "cannot open", errno, errno switch
    {
        Libc.Busy => "another process holds it for exclusive use (a second agent, or a terminal program?)",
        Libc.AccessDenied or Libc.NotPermitted =>
            "the service user needs the 'dialout' group, and the systemd unit must allow the device (DeviceAllow=char-ttyUSB rw)",
        _ => null,
    });
}
