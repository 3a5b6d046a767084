using System.Text.Json;
using Mailroom.Edge.Benchmarks;
using Mailroom.Edge.Benchmarks.Credentials;
using Mailroom.Edge.Benchmarks.Commands;
using Mailroom.Edge.Benchmarks.Decision;
using Mailroom.Edge.Benchmarks.Doors;
using Mailroom.Edge.Benchmarks.Expanders;
using Mailroom.Edge.Benchmarks.Gpio;
using Mailroom.Edge.Benchmarks.Installer;
using Mailroom.Edge.Benchmarks.Keypads;
using Mailroom.Edge.Benchmarks.Mqtt;
using Mailroom.Edge.Benchmarks.Nfc;
using Mailroom.Edge.Benchmarks.Osdp;
using Mailroom.Edge.Benchmarks.Outbox;
using Mailroom.Edge.Benchmarks.Packaging;
using Mailroom.Edge.Benchmarks.Video;
using Mailroom.Edge.Benchmarks.Wiegand;

// ./build.sh bench [NAME…]: runs every benchmark (or those whose figure names start with a given NAME) and prints
// one JSON line per figure on stdout; progress goes to stderr.
IBenchmark[] all =
[
    new DecisionLatencyBenchmark(), new SimulatedEdgeLatencyBenchmark(), new StructLayoutBenchmark(), new WiegandBenchmark(),
    new MqttRawPublishThroughputBenchmark(), new CredentialLookupBenchmark(), new CredentialSyncPauseBenchmark(),
    new CredentialFullSyncBenchmark(), new CredentialPushBenchmark(), new VideoBenchmark(), new OutboxAppendBenchmark(), new OutboxDrainBenchmark(),
    new AllRulesDecisionLatencyBenchmark(), new DoorEventThroughputBenchmark(), new UnlockCommandLatencyBenchmark(),
    new PinOnlyDecisionLatencyBenchmark(), new DoorEventCommitBenchmark(), new DuplicatePinScanBenchmark(),
    new PackageBenchmark(), new KernelLaneBenchmark(), new OsdpBusBenchmark(), new MqttClientComparisonBenchmark(), new NfcReaderBenchmark(),
    new ClipCheckBenchmark(), new EvidenceSnapshotBenchmark(), new MatrixKeypadBenchmark(), new ExpanderWriteLatencyBenchmark(),
    new InstallerStreamingBenchmark(),
];
var selected = args.Length == 0
    ? all
    : all.Where(b => b.Names.Any(n => args.Any(a => n.StartsWith(a, StringComparison.Ordinal)))).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine($"no benchmark matches {string.Join(' ', args)}; known: {string.Join(' ', all.SelectMany(b => b.Names))}");
    return 2;
}

var machine = MachineContext.Describe();
foreach (var benchmark in selected)
{
    Console.Error.WriteLine($"bench: {string.Join(", ", benchmark.Names)}");
    foreach (var figure in await benchmark.RunAsync())
    {
        var line = new Dictionary<string, object> { ["name"] = figure.Name, ["value"] = Math.Round(figure.Value, 3), ["unit"] = figure.Unit };
        foreach (var (key, value) in figure.Context ?? new Dictionary<string, object>())
            line[key] = value;
        foreach (var (key, value) in machine)
            line[key] = value;
        Console.WriteLine(JsonSerializer.Serialize(line));
    }
}
return 0;
