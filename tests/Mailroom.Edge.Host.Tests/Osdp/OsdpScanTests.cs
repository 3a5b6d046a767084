using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary><c>osdp scan</c> on a real tty (a socat pair) with simulated readers at the other end.</summary>
public sealed class OsdpScanTests : IAsyncLifetime
{
    private PtyReaderBus _line = null!;

    public async Task InitializeAsync() => _line = await PtyReaderBus.StartAsync();

    private void Serve(params OsdpReaderSimulator[] readers) => _line.Serve(9600, readers);

    [Fact]
    public void The_broadcast_finds_a_lone_reader_with_its_identity_and_its_secure_channel_claim()
    {
        Serve(new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 17 }));
        var output = new StringWriter();

        Assert.Equal(ExitCodes.Ok, OsdpScan.Run(_line.PanelSide, [9600], everyAddress: false, output, TextWriter.Null));
        Assert.Contains("address 17: vendor 0C0B0A model 153 version 1 serial 01020304 firmware 1.2.3; Secure Channel claimed", output.ToString());
    }

    [Fact]
    public void Every_address_finds_each_reader_of_a_multi_drop_bus()
    {
        var plaintextOnly = new OsdpCapabilities([new(3, 1, 0), new(4, 1, 1)]);
        Serve(new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 0 }),
            new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 2, Capabilities = plaintextOnly }));
        var output = new StringWriter();

        // 127 exchanges: the silent addresses are given up on sooner than a real bus's 200 ms (the pty answers at once).
        Assert.Equal(ExitCodes.Ok, OsdpScan.Run(_line.PanelSide, [9600], everyAddress: true, output, TextWriter.Null, replyTimeout: TimeSpan.FromMilliseconds(30)));
        var lines = output.ToString().Split('\n').Where(l => l.Contains("address ", StringComparison.Ordinal) && l.Contains("vendor", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("address 0:", lines[0]);
        Assert.Contains("address 2:", lines[1]);
        Assert.Contains("Secure Channel NOT claimed", lines[1]);
    }

    [Fact]
    public void Nothing_answering_is_said_plainly()
    {
        var error = new StringWriter();

        Assert.Equal(ExitCodes.Failed, OsdpScan.Run(_line.PanelSide, [9600, 115200], everyAddress: false, TextWriter.Null, error));
        Assert.Contains("nothing answered", error.ToString());
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();
}
