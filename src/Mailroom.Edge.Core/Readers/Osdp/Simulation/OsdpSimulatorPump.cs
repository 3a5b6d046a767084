namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// Runs a bus of simulated readers on a real link (the readers' end of a pseudo-terminal pair, a serial port): reads
/// what the panel wrote, hands it to the bus and writes the replies back, until cancelled. One turn of the loop is
/// <see cref="PumpOnce"/>, so a test can drive it step by step with a fake link. A late reply is written after
/// <see cref="LateReplyQuietReads"/> reads in a row found nothing, i.e. after the line was quiet for longer than
/// OSDP's 200 ms reply timeout.
/// </summary>
public sealed class OsdpSimulatorPump(OsdpBusSimulator bus, IOsdpLink link)
{
    /// <summary>How long one read waits: short, so cancellation is noticed quickly.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>Quiet reads before a late reply goes out: 5 × 50 ms, past the panel's 200 ms reply timeout.</summary>
    public const int LateReplyQuietReads = 5;

    private readonly byte[] _buffer = new byte[1024];
    private readonly List<byte[]> _late = [];
    private int _quietReads;

    /// <summary>One read and its replies; returns how many bytes were read (0 when the line was quiet).</summary>
    public int PumpOnce()
    {
        var count = link.Read(_buffer, ReadTimeout);
        IReadOnlyList<OsdpSimulatedReply> replies;
        if (count == 0)
        {
            if (++_quietReads >= LateReplyQuietReads)
                WriteLateReplies();
            replies = bus.LineIdle();
        }
        else
        {
            _quietReads = 0;
            replies = bus.Receive(_buffer.AsSpan(0, count));
        }
        foreach (var reply in replies)
        {
            if (reply.Late)
                _late.Add(reply.Bytes);
            else
                link.Write(reply.Bytes);
        }
        return count;
    }

    /// <summary>Pumps until <paramref name="cancellation"/> fires (noticed within one read timeout). A failing link
    /// ends the loop with its exception: a simulator that stops answering silently would only hide the cause.</summary>
    public void Run(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
            PumpOnce();
    }

    /// <summary><see cref="Run"/> on a thread of its own (its reads block).</summary>
    public Task RunAsync(CancellationToken cancellation) =>
        Task.Factory.StartNew(() => Run(cancellation), cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void WriteLateReplies()
    {
        foreach (var late in _late)
            link.Write(late);
        _late.Clear();
    }
}
