using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.KernelLane.Tests.Guest;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.KernelLane.Tests.Agent;

/// <summary>
/// The packaged agent on the real kernel: <c>run</c> with a notify socket and a mosquitto broker inside the guest,
/// <c>gpio list</c>, <c>safe-state</c> after a SIGKILL, and a start refused because a line is held.
/// </summary>
public sealed class AgentOnKernelTests
{
    private static readonly WiegandBits Card = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
    private static readonly TimeSpan PulseWidth = TimeSpan.FromMicroseconds(50);
    private static readonly TimeSpan BitPeriod = TimeSpan.FromMilliseconds(2);

    [Fact]
    public async Task A_door_runs_on_the_real_chip_grant_forced_open_exit_request_tamper_and_panic_reach_the_broker()
    {
        await using var door = await LaneDoor.PrepareAsync("lane-agent-door");
        var site = door.Site;

        // Watch the strike from before the agent starts until it is ready: it must never be seen energised.
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(() => WatchStrike(site.Strike, watching.Token));
        var started = Stopwatch.GetTimestamp();
        await door.StartAgentAsync();
        Figures.Report("agent.start_to_ready_ms", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        await watching.CancelAsync();
        var (samples, energised) = await watcher;
        Figures.Report("agent.strike_samples_during_start", samples);
        Assert.True(samples > 0, "the strike was never sampled during start");
        Assert.Equal(0, energised);
        Assert.False(site.Strike.Level);

        site.Reader.Send(Card, PulseWidth, BitPeriod);
        var granted = await door.WaitForEventAsync("access.granted");
        Assert.Equal(1001, granted.GetProperty("credential").GetProperty("number").GetInt64());
        var unlocked = await door.WaitForEventAsync("door.unlocked");
        Assert.True(site.Strike.Level, "door.unlocked was published but the strike line is not energised");
        var locked = await door.WaitForEventAsync("door.locked", after: unlocked);
        Assert.False(site.Strike.Level, "door.locked was published but the strike line is still energised");
        Assert.InRange(Timestamp(locked) - Timestamp(unlocked), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

        site.Chip.Line("GPIO22").Drive(true);
        await door.WaitForEventAsync("alarm.forced_open");
        site.Chip.Line("GPIO22").Drive(false);
        await door.WaitForEventAsync("alarm.forced_open_cleared");

        site.Chip.Line("GPIO25").Drive(false);
        var exit = await door.WaitForEventAsync("door.exit_request");
        Assert.Equal("unlocked", exit.GetProperty("outcome").GetString());
        site.Chip.Line("GPIO25").Drive(true);

        site.Chip.Line("GPIO26").Drive(false);
        await door.WaitForEventAsync("alarm.tamper");
        site.Chip.Line("GPIO26").Drive(true);
        await door.WaitForEventAsync("alarm.tamper_cleared");

        site.Chip.Line("GPIO27").Drive(false);
        var panic = await door.WaitForEventAsync("alarm.aux");
        Assert.Equal("panic", panic.GetProperty("source").GetString());

        door.Agent.Signal(PosixSignals.SigTerm);
        Assert.Equal(0, await door.Agent.WaitForExitAsync(LaneDoor.Wait));
        Assert.False(site.Strike.Level);
    }

    [Fact]
    public async Task After_a_SIGKILL_with_the_strike_energised_safe_state_locks_the_door()
    {
        await using var door = await LaneDoor.PrepareAsync("lane-agent-kill");
        var site = door.Site;
        await door.StartAgentAsync("--set", "Doors:front:GrantTime=00:05:00", "--set", "Doors:front:ExtendedGrantTime=00:05:00");
        site.Reader.Send(Card, PulseWidth, BitPeriod);
        await door.WaitForEventAsync("door.unlocked");
        Assert.True(site.Strike.Level);

        door.Agent.Signal(PosixSignals.SigKill);
        await door.Agent.WaitForExitAsync(LaneDoor.Wait);
        // What the kernel leaves on a line whose holder died is the driver's business (a Pi keeps the level);
        // gpio-sim's own choice is reported, and safe-state must lock the door either way.
        Figures.Report("gpiosim.strike_level_after_sigkill", site.Strike.Level ? 1 : 0);

        var safe = await LaneAgent.RunAsync("safe-state", "--config", site.ConfigPath);
        Assert.True(safe.ExitCode == 0, safe.Output);
        Assert.Contains("GPIO17", safe.Output, StringComparison.Ordinal);
        Assert.False(site.Strike.Level);
    }

    [Fact]
    public async Task A_burst_that_overflows_the_kernel_buffer_is_rejected_and_counted_and_the_next_card_is_granted()
    {
        await using var door = await LaneDoor.PrepareAsync("lane-agent-overflow");
        var site = door.Site;
        await door.StartAgentAsync("--set", "Gpio:EventBufferSize=16", "--set", "Mqtt:HealthInterval=00:00:01");

        // A generator that never yields: the agent's event reader cannot drain the kernel's 16-event buffer meanwhile.
        site.Reader.Send(Card, PulseWidth, BitPeriod, spinGaps: true);
        var rejected = await door.WaitForEventAsync("reader.frame_rejected");
        Assert.Contains("lost", rejected.GetProperty("problem").GetString(), StringComparison.Ordinal);

        site.Reader.Send(Card, PulseWidth, BitPeriod);
        await door.WaitForEventAsync("access.granted");
        await door.WaitForHealthAsync(h => h.TryGetProperty("readers", out var readers)
            && readers.GetProperty("front-in").GetProperty("overflows").GetInt64() >= 1
            && readers.GetProperty("front-in").GetProperty("frames_ok").GetInt64() >= 1);
        Assert.False(door.Agent.Exited.IsCompleted, door.Agent.Output);
    }

    [Fact]
    public async Task A_line_held_by_the_kernel_stops_the_start_with_the_holders_name_and_no_output_is_driven()
    {
        using var site = new LaneSite("lane-agent-busy", brokerPort: 1883, new GpioSimHog(25, "pigpiod"));
        site.Rest();
        site.Strike.Drive(true);

        var run = await LaneAgent.RunAsync("run", "--config", site.ConfigPath);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}: {run.Output}");
        Assert.Contains("pigpiod", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
        // The strike line was never requested: it still reads what the wire put on it.
        Assert.True(site.Strike.Level, "the strike line was driven although the start failed");
    }

    [Fact]
    public async Task Gpio_list_shows_the_chip_its_line_names_and_a_held_lines_consumer_as_the_kernel_reports_them()
    {
        using var sim = GpioSimChip.Create(GpioSimLayout.PiHeader("lane-gpio-list", new GpioSimHog(4, "w1-gpio", "output-high")));

        var list = await LaneAgent.RunAsync("gpio", "list", "--chip", "lane-gpio-list");

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains($"{sim.DevicePath} [lane-gpio-list]", list.Output, StringComparison.Ordinal);
        var lines = list.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("GPIO4 ", StringComparison.Ordinal) && l.Contains("output", StringComparison.Ordinal) && l.Contains("used by \"w1-gpio\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GPIO27", StringComparison.Ordinal) && l.Contains("unused", StringComparison.Ordinal));
    }

    private static (int Samples, int Energised) WatchStrike(GpioSimLine strike, CancellationToken stop)
    {
        int samples = 0, energised = 0;
        while (!stop.IsCancellationRequested)
        {
            samples++;
            if (strike.Level) energised++;
        }

        return (samples, energised);
    }

    private static TimeSpan Timestamp(JsonElement e) =>
        TimeSpan.FromTicks(DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture).UtcTicks);
}
