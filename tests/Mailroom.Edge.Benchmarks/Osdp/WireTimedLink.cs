using System.Diagnostics;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// The readers' end of a pseudo-terminal made as slow as a serial wire (a pty has no baud rate): a reply is written
/// when it would have arrived whole at the panel, i.e. the command's and the reply's bytes at <see cref="IOsdpLink.Baud"/>
/// (<see cref="OsdpTiming.WireTime"/>) plus the reader's <paramref name="turnaround"/>, counted from the command's
/// first byte reaching this side. For the simulator pump's one thread.
/// </summary>
internal sealed class WireTimedLink(IOsdpLink inner, TimeSpan turnaround) : IOsdpLink
{
    // Thread.Sleep wakes a millisecond or so late; the rest of the wait is spun so a reply is due to the microsecond.
    private static readonly TimeSpan SpinMargin = TimeSpan.FromMilliseconds(1.5);

    private long _commandStarted;
    private int _commandBytes;

    public string Port => inner.Port;

    public int Baud => inner.Baud;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var due = _commandStarted + (long)((OsdpTiming.WireTime(_commandBytes + bytes.Length, Baud) + turnaround).TotalSeconds * Stopwatch.Frequency);
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        if (left > SpinMargin)
            Thread.Sleep(left - SpinMargin);
        while (Stopwatch.GetTimestamp() < due)
            Thread.SpinWait(20);
        inner.Write(bytes);
        _commandBytes = 0;
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        var count = inner.Read(buffer, timeout);
        if (count == 0)
        {
            // A quiet line: whatever came before was not a command this bus answers.
            _commandBytes = 0;
            return 0;
        }
        if (_commandBytes == 0)
            _commandStarted = Stopwatch.GetTimestamp();
        _commandBytes += count;
        return count;
    }

    public void DiscardInput() => inner.DiscardInput();

    public void Dispose() => inner.Dispose();
}
