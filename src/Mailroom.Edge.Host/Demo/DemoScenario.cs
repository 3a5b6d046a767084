using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Host.Simulation;
using Mailroom.Edge.Storage.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The demo: the real agent on a simulated chip with a throwaway data folder runs the door's steps
/// (<see cref="DemoDoorSteps"/>) and, with mailroomctl, the operator's signed commands (<see cref="OperatorTool"/>),
/// then waits until the broker has acknowledged every event and exits.
/// </summary>
public static class DemoScenario
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(string brokerHost, int brokerPort, TextWriter output, CancellationToken cancellationToken,
        string? mailroomctl = null, string? cameraUrl = null)
    {
        var data = Directory.CreateTempSubdirectory("mailroom-demo-");
        try
        {
            var options = DemoOptions.Create(data.FullName, brokerHost, brokerPort);
            if (cameraUrl is not null)
                DemoOptions.AddDoorCamera(options, cameraUrl);
            var operatorTool = mailroomctl is null ? null : new OperatorTool(mailroomctl, Path.Combine(data.FullName, "demo-operator.key"), brokerHost, brokerPort);
            if (operatorTool is not null)
            {
                options.Commands.Keys[OperatorTool.KeyName] = new CommandKeyOptions { PublicKey = await operatorTool.KeygenAsync(cancellationToken) };
                // The demo runs minutes after the machine's clock was set; a Pi without NTP would use the quiet-period rule.
                options.Commands.ClockSynchronised = ClockTrust.Yes;
            }
            var setupCode = DemoInstallerPage.Open(options);
            var chip = new SimulatedGpioChip(TimeProvider.System);
            var osdpReader = DemoOsdpSteps.AddReader(options, out var openOsdpPort);
            var nfcChip = DemoNfcSteps.AddReader(options, out var nfcBuses);
            using var host = EdgeAgentHost.Build(options, s =>
            {
                s.UseSimulatedChip(chip);
                s.AddSingleton(openOsdpPort);
                s.AddSingleton(nfcBuses);
            });
            var dispatcher = host.Services.GetRequiredService<EventDispatcher>();
            var events = dispatcher.Subscribe();
            // The camera's events arrive whenever ffmpeg gets there; a second subscription keeps them for the camera step.
            var cameraEvents = dispatcher.Subscribe();
            var pageEvents = dispatcher.Subscribe(capacity: 64);
            var narrator = new DemoNarrator(events, WatchStrike(chip, output), output);

            output.WriteLine($"demo: agent {options.Site}/{options.Device} on simulated hardware, broker {brokerHost}:{brokerPort}, data in {data.FullName}");
            var contacts = new SimulatedContacts(chip, options);
            contacts.Rest();
            await host.StartAsync(cancellationToken);
            await DemoInstallerPage.PrintAsync(pageEvents, host, options, setupCode, output, cancellationToken);
            narrator.ForgetRelocks();

            var site = host.Services.GetRequiredService<DoorAssembly>().Doors.Site;
            await new DemoDoorSteps(chip, contacts, site, narrator, cameraUrl is null ? null : cameraEvents).RunAsync(cancellationToken);
            await new DemoOsdpSteps(osdpReader, options, narrator).RunAsync(cancellationToken);
            await new DemoNfcSteps(nfcChip, narrator).RunAsync(cancellationToken);
            if (operatorTool is not null)
                await operatorTool.RunDemoStepsAsync(narrator, cancellationToken);
            else
                output.WriteLine("(signed remote commands skipped: run the demo with --mailroomctl PATH, as ./build.sh demo does)");

            var drained = await WaitForDrainAsync(host, cancellationToken);
            var pending = host.Services.GetRequiredService<SqliteOutbox>().PendingCount();
            await host.StopAsync(cancellationToken);
            if (!drained)
            {
                await Console.Error.WriteLineAsync($"demo: {pending} event(s) are still in the outbox: the broker at {brokerHost}:{brokerPort} did not acknowledge them within {DrainTimeout.TotalSeconds:0} s");
                return ExitCodes.Failed;
            }
            output.WriteLine("demo: every event was acknowledged by the broker (PUBACK); done");
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("demo: a step did not happen within its time limit (see the log above for what the agent said)");
            return ExitCodes.Failed;
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>Prints the strike's moves and returns its releases (a grant's end), which the steps wait for.</summary>
    private static ChannelReader<OutputChange> WatchStrike(SimulatedGpioChip chip, TextWriter output)
    {
        var strikeLine = chip.ResolveLine("GPIO17");
        var relocked = Channel.CreateUnbounded<OutputChange>();
        chip.OutputChanged += change =>
        {
            if (change.Offset != strikeLine)
                return;
            output.WriteLine($"   strike GPIO17 {(change.Active ? "energised (door unlocked)" : "released (door locked)")}");
            if (!change.Active)
                relocked.Writer.TryWrite(change);
        };
        return relocked.Reader;
    }

    private static async Task<bool> WaitForDrainAsync(IHost host, CancellationToken cancellationToken)
    {
        var outbox = host.Services.GetRequiredService<SqliteOutbox>();
        var state = host.Services.GetRequiredService<OutboxPublisher>().State;
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (outbox.PendingCount() == 0)
                drained.TrySetResult();
        }
        state.Changed += Check;
        try
        {
            Check();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(DrainTimeout);
            await drained.Task.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        finally
        {
            state.Changed -= Check;
        }
    }
}
