using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The evidence rule through the real agent: a camera configured with <c>Evidence:Categories ["delivery"]</c> (and
/// triggers that match nothing), a courier's card swiped at the reader it covers, and a staff card that is not
/// photographed. The snapshot is announced linked to the swipe's event and reaches the central side by clip delivery.
/// The categories come in the installer's credential list (<c>category</c> column), as on a real device.
/// </summary>
public sealed class EvidenceSnapshotEndToEndTests
{
    private const ulong Courier = 1001;
    private const ulong Staff = 1002;

    [Fact]
    public async Task A_couriers_swipe_is_photographed_announced_and_delivered_and_a_staff_swipe_is_not()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var central = await ClipReassembler.StartAsync(broker.Host, broker.Port, new DeviceIdentity("demo", "edge-1"), AgentHarness.Timeout);
        await using var agent = await AgentHarness.StartAsync(broker.Port, options =>
        {
            File.WriteAllLines(options.Credentials.SeedCsv!, [CredentialCsv.DeliveryHeader, Card(Courier, "Courier", true, "delivery"), Card(Staff, "Grace Hopper", false, "staff")]);
            options.Cameras["dock"] = new CameraOptions
            {
                Url = camera.Url,
                Doors = ["front"],
                Triggers = ["test.none"],
                Evidence = new CameraEvidenceOptions { Categories = ["delivery"] },
            };
            options.Video.RingDirectory = Path.Combine(options.DataDirectory, "ring");
            options.Video.ClipDirectory = Path.Combine(options.DataDirectory, "clips");
            options.Video.ChunkBytes = 16 * 1024;
        });
        await NextAsync<CameraUpEvent>(agent);
        var video = agent.Host.Services.GetRequiredService<VideoRecorder>();
        await RingWaiter.WaitForVideoAsync(video.Recorder("dock"), TimeSpan.FromSeconds(1), AgentHarness.Timeout);

        var staff = await agent.SwipeAsync(Staff);
        var courier = await agent.SwipeAsync(Courier);
        Assert.Equal(("access.denied", "staff"), (staff.Event.Type, ((AccessEvent)staff.Event).Decision.Category)); // 1002 is disabled
        Assert.Equal(("access.granted", "delivery"), (courier.Event.Type, ((AccessEvent)courier.Event).Decision.Category));

        // Snapshots come in the order of their decisions: the first one after both swipes must be the courier's.
        var outcome = await NextAsync<DomainEvent>(agent, e => e is SnapshotReadyEvent or SnapshotMissingEvent);
        var ready = Assert.IsType<SnapshotReadyEvent>(outcome);
        Assert.Equal([courier.Envelope.Id], ready.EventIds);
        Assert.Equal(("dock", "front"), (ready.Camera, ready.Door));

        var file = await File.ReadAllBytesAsync(video.Store.SnapshotPath(ready.SnapshotId));
        Assert.Equal(((byte)0xFF, (byte)0xD8, (byte)0xFF, (byte)0xD9), (file[0], file[1], file[^2], file[^1]));
        Assert.Equal(file.LongLength, ready.SizeBytes);
        Assert.Equal(file, await central.WaitForClipAsync(ready.SnapshotId, AgentHarness.Timeout));
        Assert.Equal("image/jpeg", central.ContentType(ready.SnapshotId));
        Assert.DoesNotContain(video.Store.List(), r => r.Triggers.Contains(staff.Envelope.Id));
    }

    [Fact]
    public async Task A_one_time_pass_admits_once_and_both_its_use_and_the_refused_second_use_are_photographed()
    {
        await using var camera = await RtspTestCamera.StartAsync();
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await AgentHarness.StartAsync(broker.Port, options =>
        {
            File.WriteAllLines(options.Credentials.SeedCsv!, [CredentialCsv.DeliveryHeader, Card(Courier, "Courier one-time pass", true, "delivery", maxUses: 1)]);
            options.Cameras["dock"] = new CameraOptions
            {
                Url = camera.Url,
                Doors = ["front"],
                Triggers = ["test.none"],
                Evidence = new CameraEvidenceOptions { Categories = ["delivery"] },
            };
            options.Video.RingDirectory = Path.Combine(options.DataDirectory, "ring");
            options.Video.ClipDirectory = Path.Combine(options.DataDirectory, "clips");
        });
        await NextAsync<CameraUpEvent>(agent);
        var video = agent.Host.Services.GetRequiredService<VideoRecorder>();
        await RingWaiter.WaitForVideoAsync(video.Recorder("dock"), TimeSpan.FromSeconds(1), AgentHarness.Timeout);

        var first = await agent.SwipeAsync(Courier);
        var second = await agent.SwipeAsync(Courier);
        var firstPhoto = await NextAsync<DomainEvent>(agent, e => e is SnapshotReadyEvent or SnapshotMissingEvent);
        var secondPhoto = await NextAsync<DomainEvent>(agent, e => e is SnapshotReadyEvent or SnapshotMissingEvent);

        Assert.Equal("access.granted", first.Event.Type);
        Assert.Equal((false, Core.Access.DenialReason.UsesExhausted), (((AccessEvent)second.Event).Decision.Granted, ((AccessEvent)second.Event).Decision.Reason));
        Assert.Equal([first.Envelope.Id], Assert.IsType<SnapshotReadyEvent>(firstPhoto).EventIds);
        Assert.Equal([second.Envelope.Id], Assert.IsType<SnapshotReadyEvent>(secondPhoto).EventIds);
    }

    private static async Task<T> NextAsync<T>(AgentHarness agent, Func<T, bool>? match = null) where T : DomainEvent
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            if ((await agent.Events.ReadAsync(timeout.Token)).Event is T found && (match?.Invoke(found) ?? true))
                return found;
        }
    }

    /// <summary>A line of the credential list (<see cref="CredentialCsv.DeliveryHeader"/>): an H10301 card of the demo's facility with a category.</summary>
    private static string Card(ulong number, string holder, bool enabled, string category, int? maxUses = null)
    {
        var fields = new string[CredentialCsv.DeliveryHeader.Split(',').Length];
        fields[0] = "H10301";
        fields[1] = DemoOptions.Facility.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields[2] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields[3] = holder;
        fields[4] = enabled ? "true" : "false";
        fields[^3] = category;
        fields[^2] = maxUses?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return string.Join(',', fields);
    }
}
