using System.Security.Cryptography;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Ctl;
using Mailroom.Edge.Ctl.Tail;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Edge.Host.Tests.Ctl;

/// <summary>mailroomctl's verbs run in process against a real broker and the real agent on a simulated chip.</summary>
public sealed class MailroomCtlTests : IDisposable
{
    private readonly TempDirectory _folder = new("mailroomctl");

    [Fact]
    public async Task KeygenThenUnlockMovesTheStrikeAndDoorModeAndLockdownDriveTheDoor()
    {
        var keyFile = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(CtlExitCodes.Usage, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));

        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartTrustingAsync(broker, keyFile);
        var common = Common(broker, keyFile);

        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["unlock", .. common, "--door", "front", "--duration-ms", "1500"]));
        await agent.WaitForStrikeAsync(active: true);
        // Locked mode: a remote unlock no longer overrides it; back to normal, it does again.
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "door-mode", .. common, "--door", "front", "--mode", "locked"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["unlock", .. common, "--door", "front"]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "door-mode", .. common, "--door", "front", "--mode", "normal"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["unlock", .. common, "--door", "back"]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "lockdown", .. common, "--active", "true"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["unlock", .. common, "--door", "front"]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "lockdown", .. common, "--active", "false"]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["sign", "diagnostics", .. common]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["status", "--broker", $"127.0.0.1:{broker.Port}", "--site", "demo", "--wait", "0.5"]));
        Assert.True(long.Parse(await File.ReadAllTextAsync(keyFile + ".counter"), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task ClipRequestThenGetDownloadsVerifiesAndAcknowledgesTheClip()
    {
        var keyFile = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, options =>
        {
            options.Commands.Keys["ops-1"] = new CommandKeyOptions { PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()) };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
            options.Cameras["front-cam"] = new CameraOptions { Url = camera.Url, Doors = ["front"], Triggers = ["test.none"] };
            options.Video.RingDirectory = Path.Combine(options.DataDirectory, "ring");
            options.Video.ClipDirectory = Path.Combine(options.DataDirectory, "clips");
            options.Video.RingSeconds = 20;
            options.Video.ChunkBytes = 16 * 1024;
        });
        await NextAsync<CameraUpEvent>(agent);
        await agent.WaitUntilSubscribedAsync();
        string[] common = ["--broker", $"127.0.0.1:{broker.Port}", "--site", "demo", "--device", "edge-1", "--key-name", "ops-1", "--key", keyFile];

        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "request", .. common, "--door", "front", "--seconds", "21"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "request", .. common, "--door", "back", "--seconds", "2"]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "request", .. common, "--door", "front", "--seconds", "2"]));
        var ready = await NextAsync<ClipReadyEvent>(agent);
        var store = agent.Host.Services.GetRequiredService<VideoRecorder>().Store;
        var output = _folder.File("clip.mp4");

        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "get", .. common, "--clip", ready.ClipId, "--out", output, "--ack"]));

        Assert.Equal(await File.ReadAllBytesAsync(store.VideoPath(ready.ClipId)), await File.ReadAllBytesAsync(output));
        Assert.Equal(ready.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output))));
        Assert.True(store.Find(ready.ClipId)!.Delivered);
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "ack", .. common, "--clip", ready.ClipId, "--sha256", new string('0', 64)]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "get", .. common, "--clip", "no-such-clip", "--out", _folder.File("none.mp4")]));
        Assert.False(File.Exists(_folder.File("none.mp4")));
    }

    [Fact]
    public async Task TheCredentialsVerbAsksForASnapshotAndAuthorisesOneSyncByItsResult()
    {
        var keyFile = _folder.File("ops-1.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartTrustingAsync(broker, keyFile);
        var common = Common(broker, keyFile);
        var hash = Storage.Credentials.CredentialHash.Empty;

        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "credentials", .. common]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "credentials", .. common, "--action", "snapshot", "--list-version", "5", "--count", "0", "--hash", hash]));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["send", "credentials", .. common, "--action", "delta", "--from-version", "5", "--list-version", "6", "--count", "0", "--hash", hash]));
        // A delta without its start version is refused by the agent, which names what is missing.
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["send", "credentials", .. common, "--action", "delta", "--list-version", "6", "--count", "0", "--hash", hash]));
    }

    [Fact]
    public void SeqGapTrackerReportsGapsAndDuplicatesPerDevice()
    {
        var gaps = new SeqGapTracker();
        Assert.Null(gaps.Observe("hq/a", 7));
        Assert.Null(gaps.Observe("hq/a", 8));
        Assert.Null(gaps.Observe("hq/b", 1));
        Assert.Equal((9L, 11L), gaps.Observe("hq/a", 12));
        Assert.Equal((0L, 0L), gaps.Observe("hq/a", 10));
        Assert.Null(gaps.Observe("hq/a", 13));
    }

    private static async Task<T> NextAsync<T>(AgentHarness agent) where T : DomainEvent
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            if ((await agent.Events.ReadAsync(timeout.Token)).Event is T match)
                return match;
        }
    }

    /// <summary>The agent, trusting the key mailroomctl made as <c>ops-1</c>, connected; on a data directory the test
    /// owns when <paramref name="dataDirectory"/> is given (to stop and start it again); named
    /// <paramref name="device"/> (default edge-1).</summary>
    internal static async Task<AgentHarness> StartTrustingAsync(MosquittoBroker broker, string keyFile, string? dataDirectory = null, string? device = null)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        void Trusting(EdgeOptions options)
        {
            options.Commands.Keys["ops-1"] = new CommandKeyOptions { PublicKey = publicKey };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
            options.Device = device ?? options.Device;
        }
        var agent = dataDirectory is null ? await AgentHarness.StartAsync(broker.Port, Trusting) : await AgentHarness.StartInAsync(dataDirectory, broker.Port, Trusting);
        await agent.WaitUntilSubscribedAsync();
        return agent;
    }

    internal static string[] Common(MosquittoBroker broker, string keyFile) =>
        ["--broker", $"127.0.0.1:{broker.Port}", "--site", "demo", "--device", "edge-1", "--key-name", "ops-1", "--key", keyFile];

    private static Task<int> RunAsync(params string[] args) => CtlCommandLine.Create().Parse(args).InvokeAsync();

    public void Dispose() => _folder.Dispose();
}
