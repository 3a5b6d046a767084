namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// The panel's end of a bus of simulated readers, in memory: what the panel writes reaches the readers at once, and
/// their replies are there to read at once. A read never waits (tests run on virtual time, never on how fast the machine
/// is): bytes available are returned, else 0 as if the timeout had passed. A late reply (see
/// <see cref="OsdpReaderMisbehaviour.LateReplies"/>) is held back until a read has returned 0 and arrives at the read
/// after that one, before anything newer: a reply that comes after the panel gave up, which it must discard.
/// For one thread, as <see cref="IOsdpLink"/> is.
/// </summary>
public sealed class InMemoryOsdpLink(OsdpBusSimulator bus, string port = "memory", int baud = 9600) : IOsdpLink
{
    private readonly List<byte> _available = [];
    private readonly List<byte> _inFlight = [];
    private readonly List<byte> _arriving = [];

    public string Port => port;

    public int Baud => baud;

    public long BytesWritten { get; private set; }

    public long BytesRead { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        BytesWritten += bytes.Length;
        foreach (var reply in bus.Receive(bytes))
            (reply.Late ? _inFlight : _available).AddRange(reply.Bytes);
    }

    public int Read(Span<byte> buffer, TimeSpan timeout)
    {
        _available.InsertRange(0, _arriving);
        _arriving.Clear();
        if (_available.Count == 0)
        {
            // The timeout "passed": what is late now arrives at the next read.
            _arriving.AddRange(_inFlight);
            _inFlight.Clear();
            return 0;
        }
        var count = Math.Min(buffer.Length, _available.Count);
        for (var i = 0; i < count; i++)
            buffer[i] = _available[i];
        _available.RemoveRange(0, count);
        BytesRead += count;
        return count;
    }

    /// <summary>Drops what has arrived; a late reply still on its way is not dropped (it has not arrived yet).</summary>
    public void DiscardInput() => _available.Clear();

    public void Dispose()
    {
    }
}
