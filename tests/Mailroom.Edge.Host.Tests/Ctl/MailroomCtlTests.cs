using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Ctl;
using Mailroom.Edge.Ctl.Tail;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;
using Mailroom.Edge.Host.Tests.EndToEnd;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Clips;
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
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartWithCameraAsync(broker, keyFile, camera, options => options.Video.ChunkBytes = 16 * 1024);
        var common = Common(broker, keyFile);

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
    public async Task ClipHoldKeepsAClipThroughEvictionUntilReleasedAndAForgedCommandCannotTouchIt()
    {
        var keyFile = _folder.File("ops-1.key");
        var forgedKeyFile = _folder.File("mallory.key");
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "ops-1", "--out", keyFile));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync("keygen", "--name", "mallory", "--out", forgedKeyFile));
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var device = await MqttTestSubscriber.StartAsync("127.0.0.1", broker.Port, "mailroom/v1/demo/edge-1/#", AgentHarness.Timeout);
        const long QuotaBytes = 1024 * 1024;
        await using var agent = await StartWithCameraAsync(broker, keyFile, camera, options =>
        {
            options.Video.DeliverClips = false;
            options.Video.ClipQuotaBytes = QuotaBytes;
            options.Mqtt.HealthInterval = TimeSpan.FromSeconds(1);
            // Evidence from before this start: on its own it fills the quota twice over.
            TestClips.Commit(new ClipStore(options.Video.ClipDirectory), "incident", DateTimeOffset.UtcNow.AddHours(-1), 2 * QuotaBytes, "front-cam");
        });
        var store = agent.Host.Services.GetRequiredService<VideoRecorder>().Store;
        var common = Common(broker, keyFile);

        // An unsigned hold, published straight to the command topic, is refused; the clip stays as it was.
        var unsigned = new CommandDraft(Guid.NewGuid().ToString(), CommandNames.Clip, "demo", "edge-1", "ops-1", 1, DateTimeOffset.UtcNow.AddSeconds(-1),
            DateTimeOffset.UtcNow.AddMinutes(1), new JsonObject { ["action"] = "hold", ["clip_id"] = "incident" });
        device.Transport.Publish("mailroom/v1/demo/edge-1/cmd/clip", Encoding.UTF8.GetBytes($"{{\"command\":{Encoding.UTF8.GetString(CommandSigner.CommandBytes(unsigned))}}}"), 1, false);
        await device.WaitForAsync(m => m.Topic.Contains("/cmd-result", StringComparison.Ordinal) && ResultOf(m.Payload, unsigned.Id) == "bad_signature", AgentHarness.Timeout);
        Assert.Null(store.Find("incident")!.Hold);

        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "hold", .. common, "--clip", "incident", "--reason", "parcel theft, case 42"]));

        using (var held = await EventOnBrokerAsync(device, "clip.held"))
        {
            var fields = held.RootElement;
            Assert.Equal(("incident", "front-cam", "ops-1", "parcel theft, case 42", 2 * QuotaBytes),
                (fields.GetProperty("clip").GetString(), fields.GetProperty("camera").GetString(), fields.GetProperty("by").GetString(),
                    fields.GetProperty("reason").GetString(), fields.GetProperty("size").GetInt64()));
        }
        Assert.Equal(new ClipHold("ops-1", store.Find("incident")!.Hold!.At, "parcel theft, case 42"), store.Find("incident")!.Hold);
        await device.WaitForAsync(m => m.Topic.EndsWith("/health", StringComparison.Ordinal) && HeldInHealth(m.Payload) == (1, 2 * QuotaBytes), AgentHarness.Timeout);
        // Again: accepted, nothing changes. Refused: no such clip, a malformed id, a reason too long or with a control character.
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "hold", .. common, "--clip", "incident"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "hold", .. common, "--clip", "no-such-clip"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "hold", .. common, "--clip", "../incident"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "hold", .. common, "--clip", "incident", "--reason", new string('x', ClipHoldArguments.MaxReasonLength + 1)]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "release", .. common, "--clip", "incident", "--reason", "closed\nok"]));
        // A release signed with another key in ops-1's name, and one by a key the device does not know: both refused.
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "release", .. common[..^2], "--key", forgedKeyFile, "--clip", "incident"]));
        Assert.Equal(CtlExitCodes.Rejected, await RunAsync(["clip", "release", .. common[..^4], "--key-name", "mallory", "--key", forgedKeyFile, "--clip", "incident"]));
        Assert.NotNull(store.Find("incident")!.Hold);

        // A new clip puts the folder over its quota: retention evicts the new clip, never the held one.
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "request", .. common, "--door", "front", "--seconds", "2"]));
        var first = await NextAsync<ClipReadyEvent>(agent);
        var evicted = await NextAsync<ClipEvictedEvent>(agent);
        Assert.Equal((first.ClipId, "quota"), (evicted.ClipId, evicted.Reason));
        Assert.True(File.Exists(store.VideoPath("incident")));

        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "release", .. common, "--clip", "incident", "--reason", "case closed"]));
        using (var released = await EventOnBrokerAsync(device, "clip.released"))
            Assert.Equal(("incident", "ops-1", "case closed"), (released.RootElement.GetProperty("clip").GetString(),
                released.RootElement.GetProperty("by").GetString(), released.RootElement.GetProperty("reason").GetString()));
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "release", .. common, "--clip", "incident"]));

        // Released, it is the oldest clip over the quota on the next pass.
        Assert.Equal(CtlExitCodes.Accepted, await RunAsync(["clip", "request", .. common, "--door", "front", "--seconds", "2"]));
        await NextAsync<ClipReadyEvent>(agent);
        var gone = await NextAsync<ClipEvictedEvent>(agent);
        Assert.Equal(("incident", "quota"), (gone.ClipId, gone.Reason));
        Assert.False(File.Exists(store.VideoPath("incident")));
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

    /// <summary>The next event of <paramref name="type"/> the device published on <c>event/clip</c>, as the broker delivered it.</summary>
    private static async Task<JsonDocument> EventOnBrokerAsync(MqttTestSubscriber device, string type)
    {
        var message = await device.WaitForAsync(
            m => m.Topic.EndsWith("/event/clip", StringComparison.Ordinal) && JsonDocument.Parse(m.Payload).RootElement.GetProperty("type").GetString() == type,
            AgentHarness.Timeout);
        return JsonDocument.Parse(message.Payload);
    }

    /// <summary>The <c>reason</c> of the command result for <paramref name="commandId"/>; null for any other message.</summary>
    private static string? ResultOf(byte[] payload, string commandId)
    {
        using var result = JsonDocument.Parse(payload);
        return result.RootElement.TryGetProperty("command_id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == commandId
            && result.RootElement.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
    }

    private static (int Held, long Bytes) HeldInHealth(byte[] payload)
    {
        using var health = JsonDocument.Parse(payload);
        return health.RootElement.TryGetProperty("clips", out var clips) && clips.TryGetProperty("held", out var held)
            ? (held.GetInt32(), clips.GetProperty("held_bytes").GetInt64())
            : (-1, -1);
    }

    /// <summary>The agent, trusting the key mailroomctl made as <c>ops-1</c>, connected.</summary>
    private static async Task<AgentHarness> StartTrustingAsync(MosquittoBroker broker, string keyFile, Action<EdgeOptions>? configure = null)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(await File.ReadAllTextAsync(keyFile));
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var agent = await AgentHarness.StartAsync(broker.Port, options =>
        {
            options.Commands.Keys["ops-1"] = new CommandKeyOptions { PublicKey = publicKey };
            options.Commands.ClockSynchronised = ClockTrust.Yes;
            configure?.Invoke(options);
        });
        await agent.WaitUntilSubscribedAsync();
        return agent;
    }

    /// <summary>As <see cref="StartTrustingAsync"/>, with <paramref name="camera"/> as <c>front-cam</c> at the front door
    /// (a ring of 20 s, clips in the data folder), once the camera is up.</summary>
    private static async Task<AgentHarness> StartWithCameraAsync(MosquittoBroker broker, string keyFile, RtspTestCamera camera, Action<EdgeOptions> configure)
    {
        var agent = await StartTrustingAsync(broker, keyFile, options =>
        {
            options.Cameras["front-cam"] = new CameraOptions { Url = camera.Url, Doors = ["front"], Triggers = ["test.none"] };
            options.Video.RingDirectory = Path.Combine(options.DataDirectory, "ring");
            options.Video.ClipDirectory = Path.Combine(options.DataDirectory, "clips");
            options.Video.RingSeconds = 20;
            configure(options);
        });
        try
        {
            await NextAsync<CameraUpEvent>(agent);
            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    private static string[] Common(MosquittoBroker broker, string keyFile) =>
        ["--broker", $"127.0.0.1:{broker.Port}", "--site", "demo", "--device", "edge-1", "--key-name", "ops-1", "--key", keyFile];

    private static Task<int> RunAsync(params string[] args) => CtlCommandLine.Create().Parse(args).InvokeAsync();

    public void Dispose() => _folder.Dispose();
}
