using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Host.Interop;
using Mailroom.Edge.Host.RemoteCommands;

namespace Mailroom.Edge.Host.Clock;

/// <summary>
/// <see cref="IClockSync"/> for Linux: configuration can say Yes or No; Auto believes systemd-timesyncd's flag file
/// (<c>/run/systemd/timesync/synchronized</c>) or, failing that, the kernel (<c>adjtimex</c> not returning
/// <c>TIME_ERROR</c>, which chrony and ntpd clear once they have synchronised). Checked on every command: cheap, and
/// the state changes after boot.
/// </summary>
public sealed class SystemClockSync(ClockTrust trust) : IClockSync
{
    private const string TimesyncFlag = "/run/systemd/timesync/synchronized";

    public bool IsSynchronised => trust switch
    {
        ClockTrust.Yes => true,
        ClockTrust.No => false,
        _ => File.Exists(TimesyncFlag) || KernelSaysSynchronised(),
    };

    private static unsafe bool KernelSaysSynchronised()
    {
        var buffer = stackalloc byte[Libc.TimexBufferSize];
        new Span<byte>(buffer, Libc.TimexBufferSize).Clear();
        var state = Libc.Adjtimex(buffer);
        return state >= 0 && state != Libc.TimeError;
    }
}
