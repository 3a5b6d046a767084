namespace Mailroom.Edge.Gpio.Linux.Interop;

/// <summary><c>struct timespec</c>: both fields are C <c>long</c> (time_t is long on glibc), so native-sized.</summary>
internal struct Timespec
{
    public nint Seconds;
    public nint Nanoseconds;
}
