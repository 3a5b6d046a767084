using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The OSDP part of the demo: a new reader on an RS-485 bus (simulated, in memory: the agent's own poll loop and
/// Secure Channel talk to it), in its install mode with no key. The agent will not talk to it in plaintext; an
/// installer opens the install window, the agent gives the reader a fresh key of its own, and a card read over
/// Secure Channel is granted like any other.
/// </summary>
internal sealed class DemoOsdpSteps(OsdpReaderSimulator reader, EdgeOptions options, DemoNarrator narrator)
{
    public const string ReaderName = "front-osdp";
    private const string Port = "simulated-rs485";

    /// <summary>Adds the OSDP reader to the demo's configuration; <paramref name="openPort"/> is what the agent opens
    /// its port with (in place of the serial device), to register with the agent's services.</summary>
    public static OsdpReaderSimulator AddReader(EdgeOptions options, out Func<string, int, IOsdpLink> openPort)
    {
        options.Readers[ReaderName] = new ReaderOptions { Door = "front", Kind = ReaderKind.Osdp, Port = Port, Baud = 115200, Address = 0 };
        var reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 0, InstallMode = true, EnforceSecure = true });
        var bus = new OsdpBusSimulator(reader);
        openPort = (port, baud) => new InMemoryOsdpLink(bus, port, baud);
        return reader;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        narrator.Step($"a new OSDP reader ({ReaderName}, RS-485 address 0) is on the bus in its install mode, with no key: the agent will not poll it in plaintext; the installer runs `mailroom-edge osdp install --reader {ReaderName} --for 2m`");
        OsdpVerb.Install(options, ReaderName, TimeSpan.FromMinutes(2), TextWriter.Null, TextWriter.Null);
        await narrator.NarrateUntilAsync("reader.install_keyed", cancellationToken);
        narrator.Say("   the reader now holds a fresh random key of its own (stored in osdp-keys.json, mode 0600, never logged or published)");

        narrator.Step("presenting Ada Lovelace's card at the OSDP reader: the read comes encrypted (AES-128 Secure Channel) and goes through the same card formats and rules");
        reader.PresentCard(CardFormatCodec.Encode(CardFormats.H10301, DemoOptions.Facility, 1001));
        var appended = await narrator.NextAccessEventAsync(cancellationToken);
        narrator.Show(appended);
        await narrator.WaitForRelockAsync(cancellationToken);
        var colours = reader.LedCommands.Select(l => l.Permanent.OnColor).Distinct();
        narrator.Say($"   LED colours the agent sent the reader so far: {string.Join(", ", colours)}");
    }
}
