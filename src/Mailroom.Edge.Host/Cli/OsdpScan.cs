using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge osdp scan --port P [--baud B] [--every-address]</c>: which readers answer on a bus, at which speed
/// and address, and what they say they are (vendor, model, serial, firmware, capabilities, whether they claim Secure
/// Channel). The speeds are tried in turn until one answers (a bus runs at one speed). The agent must be stopped: it
/// holds the port, and a scan resets the readers' sessions.
/// </summary>
internal static class OsdpScan
{
    public static int Run(string port, IReadOnlyList<int> bauds, bool everyAddress, TextWriter output, TextWriter error,
        TimeSpan? replyTimeout = null)
    {
        byte[] addresses = everyAddress ? [.. Enumerable.Range(0, 127).Select(a => (byte)a)] : [OsdpFrame.Broadcast];
        foreach (var baud in bauds)
        {
            output.WriteLine($"{port} at {baud} baud: asking {(everyAddress ? "addresses 0-126" : "the broadcast address")}");
            IOsdpLink link;
            try
            {
                link = SerialOsdpLink.Open(port, baud);
            }
            catch (IOException e)
            {
                error.WriteLine($"osdp scan: {PortProblem(e)}");
                return ExitCodes.Failed;
            }
            using (link)
            {
                var scanner = new OsdpScanner(link, TimeProvider.System, replyTimeout);
                var found = addresses.Select(scanner.Probe).OfType<OsdpScanResult>().ToList();
                foreach (var reader in found)
                    output.WriteLine($"  {Describe(reader)}");
                if (found.Count > 0)
                    return ExitCodes.Ok;
            }
        }
        error.WriteLine($"osdp scan: nothing answered on {port} (wiring: A/B swapped? termination? the reader's speed and address?)");
        return ExitCodes.Failed;
    }

    /// <summary>Why a port could not be opened, with the likely cause when it is busy (EBUSY: the agent holds it).</summary>
    internal static string PortProblem(IOException e) =>
        $"{e.Message}{(e is OsdpLinkException { Errno: 16 } ? " (is the agent running? stop it first: it holds the port)" : "")}";

    private static string Describe(OsdpScanResult reader)
    {
        var id = reader.Identity is { } i
            ? $"vendor {i.Vendor} model {i.Model} version {i.Version} serial {i.Serial:X8} firmware {i.Firmware}"
            : "identity not readable";
        var caps = reader.Capabilities is { } c
            ? $"Secure Channel {(c.SecureChannel ? "claimed" : "NOT claimed")}; capabilities {string.Join(" ", c.All.Select(x => $"{x.Function}/{x.Compliance}/{x.Number}"))}"
            : "capabilities not readable";
        return $"address {reader.Address}: {id}; {caps}";
    }
}
