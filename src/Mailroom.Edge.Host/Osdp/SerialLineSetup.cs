using Mailroom.Edge.Host.Interop;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// Puts a freshly opened serial device into the mode OSDP needs (SIA OSDP 2.2, physical interface: 8 data bits, no parity,
/// one stop bit): raw, so no byte is translated (CR/LF), swallowed (XON/XOFF's 0x11 and 0x13) or echoed; modem
/// lines ignored and no RTS/CTS flow control, since an RS-485 adapter wires neither; reads return at once with what is
/// there (VMIN = VTIME = 0), the caller waiting in poll(2) instead. See termios(3).
/// </summary>
internal static unsafe class SerialLineSetup
{
    public static void Apply(SafeFileHandle fd, string port, int baud)
    {
        // Exclusive use: a second process opening the bus would interleave its frames with ours.
        if (Libc.Ioctl(fd, Libc.ExclusiveUse, null) != 0)
            throw OsdpLinkException.LastCallFailed(port, "cannot claim it for exclusive use (TIOCEXCL)");

        byte* termios = stackalloc byte[Libc.TermiosSize];
        if (Libc.TcGetAttr(fd, termios) != 0)
            throw OsdpLinkException.LastCallFailed(port, "cannot read its line settings (tcgetattr)");
        Libc.CfMakeRaw(termios);
        if (Libc.CfSetSpeed(termios, (uint)baud) != 0)
            throw OsdpLinkException.LastCallFailed(port, $"cannot set {baud} baud (cfsetspeed)");
        ref uint controlFlags = ref *(uint*)(termios + Libc.TermiosControlFlagsOffset);
        controlFlags = (controlFlags | Libc.ReceiverOn | Libc.IgnoreModemLines) & ~(Libc.TwoStopBits | Libc.HardwareFlowControl);
        termios[Libc.TermiosControlCharsOffset + Libc.MinimumBytesIndex] = 0;
        termios[Libc.TermiosControlCharsOffset + Libc.ReadTimeoutIndex] = 0;
        if (Libc.TcSetAttr(fd, Libc.ChangeNow, termios) != 0)
            throw OsdpLinkException.LastCallFailed(port, "cannot apply the line settings (tcsetattr)");

        // Whatever arrived before (at another speed, or for the previous owner) is no reply to us.
        if (Libc.TcFlush(fd, Libc.FlushReceived) != 0)
            throw OsdpLinkException.LastCallFailed(port, "cannot discard what arrived before it was opened (tcflush)");
    }
}
