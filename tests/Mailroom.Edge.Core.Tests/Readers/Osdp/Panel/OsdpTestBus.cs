using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Panel;

/// <summary>
/// The panel's poll loop and sessions on one in-memory bus with simulated readers, on virtual time: each round is run
/// by the test, and time moves only when it says so.
/// </summary>
internal sealed class OsdpTestBus : IDisposable
{
    public static readonly byte[] SiteKey = Convert.FromHexString("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");

    public OsdpTestBus(params OsdpReaderSimulatorOptions[] readers)
        : this(OsdpSecurity.SecureChannel, readers)
    {
    }

    public OsdpTestBus(OsdpSecurity security, params OsdpReaderSimulatorOptions[] readers)
    {
        Simulators = [.. readers.Select(r => new OsdpReaderSimulator(r))];
        Bus = new OsdpBusSimulator(Simulators);
        Link = new InMemoryOsdpLink(Bus, baud: 115200);
        Sessions = [.. readers.Select(r =>
        {
            var name = $"reader{r.Address}";
            Keys.Save(name, SiteKey);
            var input = new RecordedPresentations();
            Inputs.Add(input);
            return new OsdpReaderSession(new OsdpReaderProfile(new ReaderId(name), new DoorId("mailroom"), r.Address, security, name), Keys, input, Events, Time);
        })];
        Loop = new OsdpPollLoop(Link, Sessions, Time);
    }

    public ManualTimeProvider Time { get; } = new();

    public EventList Events { get; } = new();

    public MemoryOsdpKeys Keys { get; } = new();

    public List<RecordedPresentations> Inputs { get; } = [];

    public IReadOnlyList<OsdpReaderSimulator> Simulators { get; }

    public OsdpBusSimulator Bus { get; }

    public InMemoryOsdpLink Link { get; }

    public IReadOnlyList<OsdpReaderSession> Sessions { get; }

    public OsdpPollLoop Loop { get; }

    public static OsdpReaderSimulatorOptions Reader(byte address = 0) => new() { Address = address, BaseKey = SiteKey };

    /// <summary>Runs <paramref name="rounds"/> rounds, a poll interval of virtual time apart.</summary>
    public void Run(int rounds)
    {
        for (var i = 0; i < rounds; i++)
        {
            Loop.RunRound();
            Time.Advance(OsdpTiming.Default.PollInterval);
        }
    }

    /// <summary>Runs rounds until <paramref name="done"/> holds; fails after <paramref name="limit"/> rounds.</summary>
    public int RunUntil(Func<bool> done, int limit = 200)
    {
        for (var i = 0; i < limit; i++)
        {
            if (done())
                return i;
            Run(1);
        }
        throw new InvalidOperationException($"not reached in {limit} rounds");
    }

    public IEnumerable<string> EventTypes => Events.Select(e => e.Type);

    public void Dispose() => Loop.Dispose();
}
