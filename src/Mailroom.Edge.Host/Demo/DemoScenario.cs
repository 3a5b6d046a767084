using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Agent;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Commands;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Simulation;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog.Events;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// The demo: the real agent on a simulated chip, a throwaway data folder, and a short script — an enrolled card is
/// granted (the strike pulses), an unknown, a disabled and an expired card are denied — then it waits until the broker
/// has acknowledged every event and exits.
/// </summary>
public static class DemoScenario
{
    private const uint Facility = 42;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Cards presented at the front reader, which accepts H10301 then H10304.</summary>
    private static readonly (string Label, CardFormat Format, uint Facility, ulong Number)[] Swipes =
    [
        ("enrolled card of Ada Lovelace", CardFormats.H10301, Facility, 1001),
        ("unknown card", CardFormats.H10301, Facility, 4242),
        ("disabled card of Grace Hopper", CardFormats.H10301, Facility, 1002),
        ("expired card of Alan Turing", CardFormats.H10301, Facility, 1003),
        ("37-bit H10304 card of Katherine Johnson", CardFormats.H10304, 4242, 500_001),
    ];

    private const string DemoPin = "4711";

    public static async Task<int> RunAsync(string brokerHost, int brokerPort, TextWriter output, CancellationToken cancellationToken,
        string? mailroomctl = null, string? cameraUrl = null)
    {
        var data = Directory.CreateTempSubdirectory("mailroom-demo-");
        try
        {
            var options = Options(data.FullName, brokerHost, brokerPort);
            if (cameraUrl is not null)
                AddDoorCamera(options, cameraUrl, data.FullName);
            var operatorTool = mailroomctl is null ? null : new OperatorTool(mailroomctl, Path.Combine(data.FullName, "demo-operator.key"), brokerHost, brokerPort);
            if (operatorTool is not null)
            {
                options.Commands.Keys[OperatorTool.KeyName] = new CommandKeyOptions { PublicKey = await operatorTool.KeygenAsync(cancellationToken) };
                // The demo runs minutes after the machine's clock was set; a Pi without NTP would use the quiet-period rule.
                options.Commands.ClockSynchronised = ClockTrust.Yes;
            }
            var chip = new SimulatedGpioChip(TimeProvider.System);
            using var host = EdgeAgentHost.Build(options, s => s.UseSimulatedChip(chip));
            var events = host.Services.GetRequiredService<EventDispatcher>().Subscribe();
            // The camera's events arrive whenever ffmpeg gets there; a second subscription keeps them for the camera step.
            var cameraEvents = host.Services.GetRequiredService<EventDispatcher>().Subscribe();
            var strikeLine = chip.ResolveLine("GPIO17");
            var relocked = Channel.CreateUnbounded<OutputChange>();
            chip.OutputChanged += change =>
            {
                if (change.Offset != strikeLine)
                    return;
                output.WriteLine($"   strike GPIO17 {(change.Active ? "energised (door unlocked)" : $"released (door locked)")}");
                if (!change.Active)
                    relocked.Writer.TryWrite(change);
            };

            output.WriteLine($"demo: agent {options.Site}/{options.Device} on simulated hardware, broker {brokerHost}:{brokerPort}, data in {data.FullName}");
            var contacts = new SimulatedContacts(chip, options);
            contacts.Rest();
            await host.StartAsync(cancellationToken);
            while (relocked.Reader.TryRead(out _))
            {
                // The safe state set when the strike was requested is not a relock after a grant.
            }
            var reader = new SimulatedWiegandReader(chip, chip.ResolveLine("GPIO23"), chip.ResolveLine("GPIO24"), TimeProvider.System);
            foreach (var (label, format, facility, number) in Swipes)
            {
                output.WriteLine($"-> presenting the {label} ({format.Name} facility {facility}, number {number})");
                await reader.SendAsync(CardFormatCodec.Encode(format, facility, number), cancellationToken);
                var appended = await NextAccessEventAsync(events, cancellationToken);
                output.WriteLine($"   {appended.Event.Type} (seq {appended.Envelope.Seq}){Reason(appended.Event)}");
                if (appended.Event is AccessEvent { Decision.Granted: true })
                    await WaitForRelockAsync(relocked.Reader, cancellationToken);
            }

            output.WriteLine($"-> typing a {DemoPin.Length}-digit PIN and # on the keypad (4-bit bursts) with no card: the door is card-only, so a PIN alone is refused; the PIN itself is never logged or published");
            var keypad = new SimulatedWiegandReader(chip, chip.ResolveLine("GPIO5"), chip.ResolveLine("GPIO6"), TimeProvider.System);
            await keypad.SendKeysAsync(DemoPin + "#", KeypadFraming.FourBit, TimeSpan.FromMilliseconds(150), cancellationToken);
            var pinEntry = await NextAccessEventAsync(events, cancellationToken);
            output.WriteLine($"   {pinEntry.Event.Type} (seq {pinEntry.Envelope.Seq}){(pinEntry.Event is PinEntryEvent p ? $", {p.Outcome}, {p.Digits} digits" : Reason(pinEntry.Event))}");

            await DoorStepsAsync(host, reader, contacts, events, relocked.Reader, output, cameraUrl is null ? null : cameraEvents, cancellationToken);
            if (operatorTool is not null)
                await OperatorStepsAsync(operatorTool, events, output, cancellationToken);
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

    private static string Reason(DomainEvent e) => e switch
    {
        AccessEvent { Decision.Reason: { } reason } => $", reason {WireNames.Of(reason)}",
        AccessEvent { Decision.Granted: false } denied when denied.Decision.Trace.LastOrDefault(c => !c.Passed) is { } failed =>
            $", failed check {failed.Name}{(failed.Detail is null ? "" : $": {failed.Detail}")}",
        _ => "",
    };

    /// <summary>The door controller's part: a forced door, a door held open after a grant, and a lockdown.</summary>
    private static async Task DoorStepsAsync(IHost host, SimulatedWiegandReader reader, SimulatedContacts contacts,
        ChannelReader<AppendedEvent> events, ChannelReader<OutputChange> relocked, TextWriter output,
        ChannelReader<AppendedEvent>? camera, CancellationToken cancellationToken)
    {
        if (camera is not null)
        {
            output.WriteLine("-> waiting for the door camera's recorder (ffmpeg, RTSP over TCP, 1 s segments) to come up");
            var up = await WaitForAsync(camera, "system.camera_up", TimeSpan.FromSeconds(60), cancellationToken);
            output.WriteLine($"   {up.Event.Type} (seq {up.Envelope.Seq})");
        }
        output.WriteLine("-> the front door is forced open (door position switch opens without a grant), then closed");
        contacts.OpenDoor("front");
        await NarrateUntilAsync(events, "alarm.forced_open", output, cancellationToken);
        contacts.CloseDoor("front");
        await NarrateUntilAsync(events, "alarm.forced_open_cleared", output, cancellationToken);
        if (camera is not null)
        {
            output.WriteLine("-> the camera's clip of the forced door (2 s before to 2 s after), exported when the post-roll has passed");
            var clip = await WaitForAsync(camera, "clip.ready", TimeSpan.FromSeconds(60), cancellationToken);
            output.WriteLine($"   {clip.Event.Type} (seq {clip.Envelope.Seq}): {ClipSummary(clip)}");
        }

        output.WriteLine("-> Ada badges in, opens the door and props it open (held-open warning after 1 s, alarm after 2 s)");
        await reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, Facility, 1001), cancellationToken);
        await NarrateUntilAsync(events, "access.granted", output, cancellationToken);
        contacts.OpenDoor("front");
        await WaitForRelockAsync(relocked, cancellationToken);
        await NarrateUntilAsync(events, "alarm.held_open", output, cancellationToken);
        contacts.CloseDoor("front");
        await NarrateUntilAsync(events, "alarm.held_open_cleared", output, cancellationToken);

        output.WriteLine("-> lockdown of every door (as the central server's lockdown command does); Ada is not a responder");
        var site = host.Services.GetRequiredService<DoorSystem>().Site;
        site.SetLockdown(null, true, "command", "demo operator");
        await NarrateUntilAsync(events, "lockdown.started", output, cancellationToken);
        await reader.SendAsync(CardFormatCodec.Encode(CardFormats.H10301, Facility, 1001), cancellationToken);
        await NarrateUntilAsync(events, "access.denied", output, cancellationToken);
        site.SetLockdown(null, false, "command", "demo operator");
        await NarrateUntilAsync(events, "lockdown.ended", output, cancellationToken);
    }

    /// <summary>The operator's part, through the real mailroomctl: a signed remote unlock, then a lockdown and its end.</summary>
    private static async Task OperatorStepsAsync(OperatorTool tool, ChannelReader<AppendedEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        foreach (var (label, verb, expect) in new (string, string[], string)[]
        {
            ("a signed remote unlock of the front door (mailroomctl unlock --door front)", ["unlock", "--door", "front"], "command.result"),
            ("a signed lockdown (mailroomctl send lockdown --active true)", ["send", "lockdown", "--active", "true"], "command.result"),
            ("the lockdown is lifted (mailroomctl send lockdown --active false)", ["send", "lockdown", "--active", "false"], "command.result"),
        })
        {
            output.WriteLine($"-> {label}");
            var (code, said) = await tool.SendAsync(verb, cancellationToken);
            output.WriteLine($"   mailroomctl: {said.ReplaceLineEndings(" ")} (exit {code})");
            await NarrateUntilAsync(events, expect, output, cancellationToken);
        }
    }

    /// <summary>Prints every event until one of <paramref name="type"/> has been appended, and returns that one.</summary>
    private static async Task<AppendedEvent> NarrateUntilAsync(ChannelReader<AppendedEvent> events, string type, TextWriter output,
        CancellationToken cancellationToken, TimeSpan? within = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within ?? StepTimeout);
        while (true)
        {
            var appended = await events.ReadAsync(timeout.Token);
            output.WriteLine($"   {appended.Event.Type} (seq {appended.Envelope.Seq}){Reason(appended.Event)}");
            if (appended.Event.Type == type)
                return appended;
        }
    }

    private static async Task<AppendedEvent> WaitForAsync(ChannelReader<AppendedEvent> events, string type, TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        while (true)
        {
            var appended = await events.ReadAsync(timeout.Token);
            if (appended.Event.Type == type)
                return appended;
        }
    }

    /// <summary>The evidence fields of a <c>clip.ready</c>, as published.</summary>
    private static string ClipSummary(AppendedEvent clip)
    {
        var json = System.Text.Json.JsonDocument.Parse(EventSerializer.Serialize(clip.Event, clip.Envelope, new DeviceIdentity("demo", "edge-1")));
        var fields = json.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("id" or "seq" or "ts" or "type" or "site" or "device"))
            .Select(p => $"{p.Name}={p.Value}");
        return string.Join(", ", fields);
    }

    /// <summary>A camera over the front door: a clip for a forced door, with a short pre- and post-roll for the demo.</summary>
    private static void AddDoorCamera(EdgeOptions options, string url, string dataDirectory)
    {
        options.Cameras["door-cam"] = new CameraOptions
        {
            Url = url,
            Doors = ["front"],
            PreRoll = TimeSpan.FromSeconds(2),
            PostRoll = TimeSpan.FromSeconds(2),
            Triggers = ["alarm.forced_open"],
        };
        options.Video.RingDirectory = Path.Combine(dataDirectory, "ring");
        options.Video.ClipDirectory = Path.Combine(dataDirectory, "clips");
    }

    private static async Task WaitForRelockAsync(ChannelReader<OutputChange> relocked, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        await relocked.ReadAsync(timeout.Token);
    }

    private static async Task<AppendedEvent> NextAccessEventAsync(ChannelReader<AppendedEvent> events, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StepTimeout);
        while (true)
        {
            var appended = await events.ReadAsync(timeout.Token);
            if (appended.Event.Category == EventCategory.Access)
                return appended;
        }
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

    internal static EdgeOptions Options(string dataDirectory, string brokerHost, int brokerPort)
    {
        var seed = Path.Combine(dataDirectory, "credentials.csv");
        File.WriteAllLines(seed,
        [
            CredentialCsv.Header,
            $"H10301,{Facility},1001,Ada Lovelace,true,,",
            $"H10301,{Facility},1002,Grace Hopper,false,,",
            $"H10301,{Facility},1003,Alan Turing,true,2020-01-01T00:00:00Z,2021-01-01T00:00:00Z",
            "H10304,4242,500001,Katherine Johnson,true,,",
        ]);
        return new EdgeOptions
        {
            Site = "demo",
            Device = "edge-1",
            DataDirectory = dataDirectory,
            Mqtt = new MqttOptions { Host = brokerHost, Port = brokerPort, ReconnectDelayMin = TimeSpan.FromMilliseconds(500), ReconnectDelayMax = TimeSpan.FromSeconds(2) },
            Gpio = new GpioOptions { Chip = GpioChips.Simulated },
            Doors =
            {
                ["front"] = new DoorOptions
                {
                    Strike = new StrikeOptions { Line = "GPIO17" },
                    GrantTime = TimeSpan.FromSeconds(1),
                    Dps = new InputLineOptions { Line = "GPIO22" },
                    Rex = new InputLineOptions { Line = "GPIO25" },
                    // Short, so the demo shows the warning and the alarm in seconds (the defaults are 20 s and 30 s).
                    HeldOpenWarning = TimeSpan.FromSeconds(1),
                    HeldOpenTime = TimeSpan.FromSeconds(2),
                },
            },
            Readers =
            {
                ["front-in"] = new ReaderOptions { Door = "front", D0 = "GPIO23", D1 = "GPIO24", Formats = ["H10301", "H10304"] },
                ["front-keypad"] = new ReaderOptions { Door = "front", Kind = ReaderKind.Keypad, D0 = "GPIO5", D1 = "GPIO6" },
            },
            Credentials = new CredentialOptions { SeedCsv = seed },
            Logs = new LogOptions { Directory = null, MinimumLevel = LogEventLevel.Warning },
        };
    }
}
