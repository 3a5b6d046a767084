namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary><c>struct pollfd</c> from poll.h.</summary>
internal struct PollFd
{
    public int Fd;
    public short Events;
    public short REvents;
}
