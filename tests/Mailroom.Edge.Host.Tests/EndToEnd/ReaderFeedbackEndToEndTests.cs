using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Agent;
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
        var site = agent.Host.Services.GetRequiredService<DoorSystem>().Site;

        site.SetLockdown(null, true, "command", "test");

        await lit.Task.WaitAsync(AgentHarness.Timeout);
        site.SetLockdown(null, false, "command", "test");
    }
}
