using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Triggers;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class TriggerMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static CameraSettings Camera(string[] doors, string[] triggers) =>
        new("lobby", "rtsp://cam/live", doors, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), triggers);

    private static AccessEvent Denied(string door) => new(T0, new DoorId(door), new ReaderId(door + "-in"),
        new AccessDecision(false, DenialReason.UnknownCredential, new CardCredential("H10301", 1, 2), null, []));

    [Fact]
    public void A_door_event_triggers_only_cameras_covering_that_door()
    {
        var camera = Camera(["front"], ["access.denied"]);
        Assert.True(TriggerMatcher.Matches(camera, Denied("front")));
        Assert.False(TriggerMatcher.Matches(camera, Denied("back")));
    }

    [Fact]
    public void A_camera_listing_no_doors_covers_all_of_them()
    {
        Assert.True(TriggerMatcher.Matches(Camera([], ["access.*"]), Denied("back")));
    }

    [Fact]
    public void Types_match_exactly_or_by_prefix()
    {
        Assert.True(TriggerMatcher.Matches(Camera([], ["alarm.*"]), new TestTriggerEvent(T0, "alarm.panic", EventCategory.Alarm)));
        Assert.False(TriggerMatcher.Matches(Camera([], ["alarm"]), new TestTriggerEvent(T0, "alarm.panic", EventCategory.Alarm)));
        Assert.False(TriggerMatcher.Matches(Camera(["front"], ["access.granted"]), Denied("front")));
    }

    [Fact]
    public void The_recorders_own_events_never_trigger()
    {
        Assert.False(TriggerMatcher.Matches(Camera([], ["*"]), new CameraDownEvent(T0, "lobby", "gone")));
        Assert.False(TriggerMatcher.Matches(Camera([], ["*"]), new ClipEvictedEvent(T0, "c", "lobby", "quota", false)));
        Assert.False(TriggerMatcher.Matches(Camera([], ["*"]), new ClipDeliveredEvent(T0, "c", "lobby", new string('0', 64), 1, TimeSpan.FromSeconds(3))));
        Assert.False(TriggerMatcher.Matches(Camera([], ["clip.*"]), new ClipHeldEvent(T0, "c", "lobby", "ops-1", "incident 42", 1)));
        Assert.False(TriggerMatcher.Matches(Camera([], ["clip.*"]), new ClipReleasedEvent(T0, "c", "lobby", "ops-1", null, 1)));
    }

    [Fact]
    public void Snapshot_events_never_trigger_even_with_a_pattern_naming_them()
    {
        var ready = new SnapshotReadyEvent(T0, "s", "lobby", "front", [Guid.NewGuid()], T0, 1, new string('0', 64));
        var missing = new SnapshotMissingEvent(T0, "lobby", "front", [Guid.NewGuid()], T0, "no_video", "down", null);
        foreach (var pattern in new[] { "*", "snapshot.*", "snapshot.ready", "snapshot.missing" })
        {
            Assert.False(TriggerMatcher.Matches(Camera([], [pattern]), ready), pattern);
            Assert.False(TriggerMatcher.Matches(Camera([], [pattern]), missing), pattern);
        }
    }

    [Fact]
    public void A_clip_request_event_still_triggers()
    {
        Assert.True(TriggerMatcher.Matches(Camera(["front"], ["clip.trigger"]), new ClipTriggerEvent(T0, new DoorId("front"), "aux:button")));
    }
}
