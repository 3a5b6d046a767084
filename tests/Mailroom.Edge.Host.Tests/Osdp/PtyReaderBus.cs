using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary>
/// An RS-485 bus without hardware: a socat pseudo-terminal pair, simulated readers served on one end through the real
/// serial code, the other end (<see cref="PanelSide"/>) for the code under test.
/// </summary>
internal sealed class PtyReaderBus : IAsyncDisposable
{
    private readonly SocatPtyPair _line;
    private readonly CancellationTokenSource _stop = new();
    private IOsdpLink? _readerEnd;
    private Task _pump = Task.CompletedTask;

    private PtyReaderBus(SocatPtyPair line) => _line = line;

    public string PanelSide => _line.PanelSide;

    public static async Task<PtyReaderBus> StartAsync() => new(await SocatPtyPair.StartAsync());

    /// <summary>Serves <paramref name="readers"/> on the reader's end until disposed.</summary>
    public void Serve(int baud, params OsdpReaderSimulator[] readers)
    {
        _readerEnd = SerialOsdpLink.Open(_line.ReaderSide, baud);
        var pump = new OsdpSimulatorPump(new OsdpBusSimulator(readers), _readerEnd);
        _pump = Task.Factory.StartNew(() => pump.Run(_stop.Token), TaskCreationOptions.LongRunning);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pump;
        _readerEnd?.Dispose();
        await _line.DisposeAsync();
        _stop.Dispose();
    }
}
