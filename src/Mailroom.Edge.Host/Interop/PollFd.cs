namespace Mailroom.Edge.Host.Interop;

/// <summary><c>struct pollfd</c> from poll.h: the descriptor, the events asked for, the events that happened.</summary>
internal record struct PollFd(int Fd, short Events, short REvents);
