using System.Runtime.InteropServices;

namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary>
/// A Linux file descriptor (a GPIO chip, a line request or an eventfd). 0 is a valid descriptor, so only -1 is invalid,
/// which is why this does not derive from <see cref="Microsoft.Win32.SafeHandles.SafeHandleZeroOrMinusOneIsInvalid"/>.
/// </summary>
internal sealed class SafeFdHandle : SafeHandle
{
    public SafeFdHandle(int fd, bool ownsHandle) : base(new IntPtr(-1), ownsHandle) => SetHandle(new IntPtr(fd));

    public override bool IsInvalid => handle.ToInt64() < 0;

    /// <summary>The raw descriptor, for <c>struct pollfd</c>; the caller keeps this handle alive while it is used.</summary>
    public int Fd => (int)handle.ToInt64();

    protected override bool ReleaseHandle() => Libc.Close((int)handle.ToInt64()) == 0;
}
