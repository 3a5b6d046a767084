using System.Threading.Channels;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

public class ReaderFeedbackEndToEndTests
{
    [Fact]
    public async Task A_lockdown_plays_the_lockdown_pattern_on_the_doors_reader_and_its_end_stops_it()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, options => options.Readers["front-in"].Feedback.RedLed = "GPIO12");
        var led = agent.Chip.ResolveLine("GPIO12");
        var lit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.Chip.OutputChanged += change =>
        {
            if (change.Offset == led && change.Active)
                lit.TrySetResult();
        };
        var site = agent.Host.Services.GetRequiredService<DoorAssembly>().Doors.Site;

        site.SetLockdown(null, true, "command", "test");

        await lit.Task.WaitAsync(AgentHarness.Timeout);
        site.SetLockdown(null, false, "command", "test");
    }

    [Fact]
    public async Task The_held_open_pre_alarm_beeps_the_doors_reader_until_the_door_closes()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, options => options.Readers["front-in"].Feedback.Beeper = "GPIO12");
        var beeper = agent.Chip.ResolveLine("GPIO12");
        var beeps = new SignalRecorder<OutputChange>();
        agent.Chip.OutputChanged += change =>
        {
            if (change.Offset == beeper)
                beeps.Add(change);
        };
        var events = agent.Host.Services.GetRequiredService<EventDispatcher>().Subscribe();

        await agent.SwipeAsync(1001);
        // The grant's own short beep ends before the door opens.
        var grantBeepEnd = await beeps.WaitForAsync(c => !c.Active, AgentHarness.Timeout);
        // The demo's position switch is active-low: low is open.
        agent.Chip.SetInputLevel(agent.Chip.ResolveLine("GPIO22"), false);
        await WaitForAsync(events, e => e is AlarmEvent { Kind: AlarmKind.HeldOpenWarning, Active: true });

        var warningBeep = await beeps.WaitForAsync(c => c.Active && c.TimestampNs > grantBeepEnd.TimestampNs, AgentHarness.Timeout);

        agent.Chip.SetInputLevel(agent.Chip.ResolveLine("GPIO22"), true);
        await beeps.WaitForAsync(c => !c.Active && c.TimestampNs > warningBeep.TimestampNs, AgentHarness.Timeout);
    }

    private static async Task WaitForAsync(ChannelReader<AppendedEvent> events, Func<DomainEvent, bool> predicate)
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (!predicate((await events.ReadAsync(timeout.Token)).Event))
        {
        }
    }
}
