using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Host.Interop;

/// <summary>
/// What a serial line needs from libc: open(2), the termios(3) calls, ioctl(2), poll(2), read(2), write(2). The
/// constants are the generic Linux ones (asm-generic termbits.h, ioctls.h, fcntl.h, errno-base.h and poll.h), identical
/// on x86-64 and arm64: compared with both architectures' glibc headers when this was written.
/// </summary>
internal static unsafe partial class Libc
{
    public const int OpenReadWrite = 0x2; // O_RDWR
    public const int OpenNoControllingTerminal = 0x100; // O_NOCTTY: a reader's port must never become our terminal.
    public const int OpenNonBlocking = 0x800; // O_NONBLOCK: open does not wait for carrier; read and write never block.
    public const int OpenCloseOnExec = 0x80000; // O_CLOEXEC: ffmpeg and other children must not inherit the bus.

    /// <summary>Room for <c>struct termios</c>, which is 60 bytes in glibc on x86-64 and arm64. Only libc fills and
    /// reads it, apart from the control flags and control characters below.</summary>
    public const int TermiosSize = 64;
    public const int TermiosControlFlagsOffset = 8; // c_cflag, a uint32 after c_iflag and c_oflag.
    public const int TermiosControlCharsOffset = 17; // c_cc[32], after c_lflag and the one-byte c_line.

    public const uint TwoStopBits = 0x40; // CSTOPB
    public const uint ReceiverOn = 0x80; // CREAD
    public const uint IgnoreModemLines = 0x800; // CLOCAL
    public const uint HardwareFlowControl = 0x80000000; // CRTSCTS
    public const int MinimumBytesIndex = 6; // VMIN
    public const int ReadTimeoutIndex = 5; // VTIME

    public const int ChangeNow = 0; // TCSANOW
    public const int FlushReceived = 0; // TCIFLUSH

    public const nuint ExclusiveUse = 0x540C; // TIOCEXCL
    public const nuint SharedUse = 0x540D; // TIOCNXCL
    public const nuint ReceivedBytesWaiting = 0x541B; // TIOCINQ (FIONREAD)

    public const short PollReadable = 0x1; // POLLIN
    public const short PollWritable = 0x4; // POLLOUT

    public const int Interrupted = 4; // EINTR
    public const int WouldBlock = 11; // EAGAIN
    public const int NotPermitted = 1; // EPERM, also a systemd DevicePolicy refusal
    public const int AccessDenied = 13; // EACCES
    public const int Busy = 16; // EBUSY: another process took the line with TIOCEXCL

    /// <remarks>Returns the raw int: a SafeHandle return would be marshalled pointer-sized, turning -1 into a valid-looking handle.</remarks>
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int TcGetAttr(SafeFileHandle fd, byte* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void CfMakeRaw(byte* termios);

    /// <summary>Takes the speed in bits per second. glibc before 2.42 accepts either a <c>B</c> code or the number;
    /// 2.42 and later take only the number (the codes became the numbers), so the number works with both.</summary>
    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static partial int CfSetSpeed(byte* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int TcSetAttr(SafeFileHandle fd, int when, byte* termios);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int TcFlush(SafeFileHandle fd, int queue);

    /// <remarks>ioctl is variadic in C; on x86-64 and arm64 a pointer third argument travels as in a fixed-argument call.</remarks>
    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeFileHandle fd, nuint request, void* argument);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeFileHandle fd, byte* buffer, nuint count);
}
