namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Whether the wall clock can be trusted for expiry checks. A Raspberry Pi has no RTC: until NTP has synchronised it,
/// its clock may be days behind. See docs/security.md, "Clock rule".
/// </summary>
public interface IClockSync
{
    bool IsSynchronised { get; }
}
