using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary><c>osdp watch</c> on a real tty with a simulated reader: the handshake, a card decoded, keys never shown.</summary>
public sealed class OsdpWatchTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] SiteKey = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
    private readonly TempDirectory _data = new("osdp-watch");
    private PtyReaderBus _line = null!;

    public async Task InitializeAsync() => _line = await PtyReaderBus.StartAsync();

    /// <summary>Lines as they are written, so the test awaits the one it needs.</summary>
    private sealed class LineSignals : StringWriter
    {
        private readonly SignalRecorder<string> _lines = new();

        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            _lines.Add(value ?? "");
        }

        public Task<string> WaitForAsync(string part) => _lines.WaitForAsync(l => l.Contains(part, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task The_traffic_and_a_decoded_card_are_shown_and_keys_and_pins_are_not()
    {
        var reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 0, BaseKey = SiteKey, EnforceSecure = true });
        _line.Serve(9600, reader);
        var options = DemoOptions.Create(_data.Path, "127.0.0.1", 1883);
        options.Readers["lobby"] = new ReaderOptions { Door = "front", Kind = ReaderKind.Osdp, Port = _line.PanelSide, Baud = 9600 };
        new OsdpKeyFile(Path.Combine(_data.Path, OsdpKeyFile.FileName)).Save("lobby", SiteKey);
        var output = new LineSignals();
        using var stop = new CancellationTokenSource();

        var watching = Task.Factory.StartNew(() => OsdpWatch.Watch(options, "lobby", output, TextWriter.Null, stop.Token), TaskCreationOptions.LongRunning);
        await output.WaitForAsync("== online");
        reader.PresentCard(CardFormatCodec.Encode(CardFormats.H10301, 42, 1001));
        reader.PressKeys("4711#");
        await output.WaitForAsync("== card read");
        await output.WaitForAsync("== keys");
        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await watching);

        var text = output.ToString();
        Assert.Contains("-> CHLNG", text);
        Assert.Contains("<- CCRYPT", text);
        Assert.Contains("<- RAW     address 0 seq", text);
        Assert.Contains("= H10301 facility 42 number 1001", text);
        Assert.Contains("== keys: 5 (not shown)", text);
        Assert.DoesNotContain("4711", text);
        Assert.DoesNotContain(Convert.ToHexString(SiteKey), text, StringComparison.OrdinalIgnoreCase);
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();

    public void Dispose() => _data.Dispose();
}
