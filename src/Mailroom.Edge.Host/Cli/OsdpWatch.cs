using System.Globalization;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Osdp;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>mailroom-edge osdp watch --reader NAME</c>: talks to one configured OSDP reader as the agent would (its key from
/// the key file, Secure Channel unless it is configured <c>Security: None</c>) and prints the traffic live, one packet
/// a line, with what the session made of it: the handshake, card reads decoded through the reader's formats, keys
/// counted but never shown, alarms. Never a key. The agent must be stopped (it holds the port). Ends on Ctrl-C.
/// </summary>
internal static class OsdpWatch
{
    public static int Run(EdgeOptions options, string readerName, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var stop = new StopOnSignal(cancellationToken);
        return Watch(options, readerName, output, error, stop.Token);
    }

    internal static int Watch(EdgeOptions options, string readerName, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        if (!options.Readers.TryGetValue(readerName, out var settings) || settings.Kind != ReaderKind.Osdp)
        {
            error.WriteLine($"osdp watch: '{readerName}' is not a configured OSDP reader");
            return ExitCodes.BadConfiguration;
        }
        var time = TimeProvider.System;
        void Print(string line)
        {
            lock (output)
            {
                output.WriteLine($"{time.GetLocalNow():HH:mm:ss.fff} {line}");
                output.Flush();
            }
        }
        IOsdpLink port;
        try
        {
            port = SerialOsdpLink.Open(settings.Port, settings.Baud);
        }
        catch (IOException e)
        {
            error.WriteLine($"osdp watch: {OsdpScan.PortProblem(e)}");
            return ExitCodes.Failed;
        }
        var formats = ReaderAssembly.Formats(options, settings);
        var profile = new OsdpReaderProfile(new ReaderId(readerName), new DoorId(settings.Door), (byte)settings.Address, settings.Security, settings.KeyName(readerName));
        var keys = new ReadOnlyKeys(new OsdpKeyFile(Path.Combine(options.DataDirectory, OsdpKeyFile.FileName)));
        var session = new OsdpReaderSession(profile, keys, new PrintedPresentations(formats, Print), new PrintedEvents(Print), time);
        using var link = new TracingOsdpLink(port, Print);
        using var loop = new OsdpPollLoop(link, [session], time);
        Print($"watching OSDP reader {readerName}: {settings.Port} at {settings.Baud} baud, address {settings.Address}, {settings.Security}; Ctrl-C to stop");
        var state = session.State;
        while (!stopping.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            loop.RunRound();
            if (session.State != state)
            {
                state = session.State;
                Print($"== {WireNames.SnakeCase(state.ToString())}");
            }
            loop.WaitForNextRound(started, stopping);
        }
        return ExitCodes.Ok;
    }

    /// <summary>Watching never installs: a key is read, never written.</summary>
    private sealed class ReadOnlyKeys(IOsdpKeyStore keys) : IOsdpKeyStore
    {
        public byte[]? Find(string name) => keys.Find(name);

        public void Save(string name, ReadOnlySpan<byte> key) => throw new IOException("osdp watch does not install readers");
    }

    private sealed class PrintedPresentations(IReadOnlyList<CardFormat> formats, Action<string> print) : IOsdpReaderInput
    {
        public void CardRead(OsdpCardRead read)
        {
            var decoded = formats.Select(f => CardFormatCodec.Decode(read.Bits, f)).FirstOrDefault(r => r.IsOk)?.Credential;
            print($"== card read: {read.Bits.Length} bits {read.Bits}" + (decoded is null
                ? " (none of the reader's formats)"
                : $" = {decoded.Format} facility {decoded.Facility?.ToString(CultureInfo.InvariantCulture) ?? "-"} number {decoded.Number}"));
        }

        public void KeysPressed(string keys) => print($"== keys: {keys.Length} (not shown)");
    }

    private sealed class PrintedEvents(Action<string> print) : IEventPort
    {
        public Task<EventEnvelope> Emit(DomainEvent domainEvent)
        {
            print($"== {domainEvent.Type}{(domainEvent is AlarmEvent { Detail: { } detail } ? $": {detail}" : "")}");
            // Printed, not stored: watching records nothing.
            return Task.FromResult(new EventEnvelope(Guid.Empty, 0));
        }
    }
}
