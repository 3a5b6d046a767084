using System.Globalization;
using System.Security.Cryptography;
using Mailroom.Edge.Benchmarks.Decision;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Osdp;

/// <summary>
/// One OSDP port of the panel, in real time: the panel's sessions and poll loop on <see cref="SerialOsdpLink"/> at one
/// end of a socat pseudo-terminal pair, run on a thread of its own on the system clock as <c>OsdpService</c> runs it
/// (a round, then a rest until the poll interval is over or a reader wakes the loop); at the other end the simulated
/// readers behind <see cref="OsdpSimulatorPump"/>, their replies held back by <see cref="WireTimedLink"/> for their time
/// on a <see cref="Baud"/>-baud wire. Every reader holds the same site key and is polled in Secure Channel.
/// </summary>
internal sealed class TimedOsdpBus : IAsyncDisposable
{
    public const int Baud = 115200;

    /// <summary>How long a reader takes between a command's last byte and its reply's first: a typical reader's.</summary>
    public static readonly TimeSpan ReaderTurnaround = TimeSpan.FromMilliseconds(1);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly SocatPtyPair _line;
    private readonly HandshakeTimingLink _panelSide;
    private readonly WireTimedLink _readerSide;
    private readonly OsdpPollLoop _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Thread _thread;
    private readonly Task _pump;
    private int _loopThreadId;

    private TimedOsdpBus(SocatPtyPair line, int readers)
    {
        _line = line;
        var siteKey = RandomNumberGenerator.GetBytes(16);
        var keys = new MemoryOsdpKeys();
        Simulators = [.. Enumerable.Range(0, readers).Select(a => new OsdpReaderSimulator(new() { Address = (byte)a, BaseKey = siteKey, EnforceSecure = true }))];
        Sessions = [.. Simulators.Select(simulator =>
        {
            var name = $"reader{simulator.Address}";
            keys.Save(name, siteKey);
            var profile = new OsdpReaderProfile(new ReaderId(name), new DoorId("bench"), simulator.Address, OsdpSecurity.SecureChannel, name);
            return new OsdpReaderSession(profile, keys, Input, new DiscardingEvents(), TimeProvider.System);
        })];
        _readerSide = new WireTimedLink(SerialOsdpLink.Open(line.ReaderSide, Baud), ReaderTurnaround);
        _pump = new OsdpSimulatorPump(new OsdpBusSimulator(Simulators), _readerSide).RunAsync(_stopping.Token);
        _panelSide = new HandshakeTimingLink(SerialOsdpLink.Open(line.PanelSide, Baud), Sessions);
        _loop = new OsdpPollLoop(_panelSide, Sessions, TimeProvider.System);
        _thread = new Thread(Run) { IsBackground = true, Name = "osdp bench loop" };
        _thread.Start();
    }

    public IReadOnlyList<OsdpReaderSimulator> Simulators { get; }

    public IReadOnlyList<OsdpReaderSession> Sessions { get; }

    public CardReadClock Input { get; } = new();

    public PollRounds Rounds { get; } = new(100_000);

    /// <summary>CHLNG-to-Online times of every handshake so far, in ms.</summary>
    public IReadOnlyList<double> HandshakesMs => _panelSide.HandshakesMs;

    /// <summary>Whether handshakes are timed (packets decoded on the loop's thread); off while its CPU is measured.</summary>
    public bool TimingHandshakes
    {
        set => _panelSide.Timing = value;
    }

    /// <summary>Starts the bus and waits until every reader is Online in Secure Channel.</summary>
    public static async Task<TimedOsdpBus> StartAsync(int readers)
    {
        var bus = new TimedOsdpBus(await SocatPtyPair.StartAsync(), readers);
        if (!SpinWait.SpinUntil(() => bus.Sessions.All(s => s.State == OsdpReaderState.Online), StartTimeout))
        {
            var states = string.Join(", ", bus.Sessions.Select(s => $"{s.Address}: {s.State}"));
            await bus.DisposeAsync();
            throw new InvalidOperationException($"the readers did not all come online in {StartTimeout.TotalSeconds} s ({states})");
        }
        return bus;
    }

    /// <summary>The loop thread's CPU time so far (user and system, /proc/self/task/TID/stat), to 1/100 s.</summary>
    public TimeSpan LoopCpuTime()
    {
        // Fields 14 and 15 (utime, stime) in clock ticks; the command name in parentheses may hold spaces.
        const double ClockTicksPerSecond = 100; // USER_HZ: 100 on every architecture Linux runs the agent on
        var stat = File.ReadAllText($"/proc/self/task/{Volatile.Read(ref _loopThreadId)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / ClockTicksPerSecond);
    }

    private void Run()
    {
        // /proc/thread-self links to "PID/task/TID".
        _loopThreadId = int.Parse(Path.GetFileName(new DirectoryInfo("/proc/thread-self").LinkTarget!), CultureInfo.InvariantCulture);
        var time = TimeProvider.System;
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            var started = time.GetTimestamp();
            _loop.RunRound();
            Rounds.Add(started, time.GetTimestamp() - started);
            _panelSide.RoundEnded();
            _loop.WaitForNextRound(started, stopping);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _thread.Join();
        try
        {
            await _pump;
        }
        finally
        {
            _loop.Dispose();
            _panelSide.Dispose();
            _readerSide.Dispose();
            await _line.DisposeAsync();
            _stopping.Dispose();
            Input.Dispose();
        }
    }
}
