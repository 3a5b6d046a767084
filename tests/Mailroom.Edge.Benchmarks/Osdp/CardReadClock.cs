using System.Diagnostics;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// Where the sessions hand their card reads (their door's access point in the agent): notes the moment a read arrives
/// and lets the benchmark wait for it. Called on the poll loop's thread.
/// </summary>
internal sealed class CardReadClock : IOsdpReaderInput, IDisposable
{
    private readonly SemaphoreSlim _arrived = new(0);
    private long _at;
    private WiegandBits _bits;

    public void CardRead(OsdpCardRead read)
    {
        _at = Stopwatch.GetTimestamp();
        _bits = read.Bits;
        _arrived.Release();
    }

    public void KeysPressed(string keys)
    {
    }

    /// <summary>When the next card read arrived (a <see cref="Stopwatch"/> timestamp), and its bits.</summary>
    public (long At, WiegandBits Bits) Next(TimeSpan timeout) =>
        _arrived.Wait(timeout) ? (_at, _bits) : throw new TimeoutException($"no card read reached the panel in {timeout.TotalSeconds} s");

    public void Dispose() => _arrived.Dispose();
}
