using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Evidence;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class EvidenceMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    private static CameraSettings Camera(string[] doors, EvidenceRule? rule) =>
        new("dock", "rtsp://cam/live", doors, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), [], Evidence: rule);

    private static readonly CameraSettings DeliveryCamera = Camera(["front"], new EvidenceRule(["delivery"]));

    private static AccessEvent Decision(string door, string? category, bool granted = true, bool pending = false) =>
        new(T0, new DoorId(door), new ReaderId(door + "-in"),
            new AccessDecision(granted, granted ? null : pending ? DenialReason.AwaitingSecondFactor : DenialReason.OutsideSchedule,
                new CardCredential("H10301", 1, 2), "Courier", []) { Category = category, Pending = pending });

    [Fact]
    public void A_granted_or_denied_decision_on_a_listed_category_at_a_covered_door_matches()
    {
        Assert.True(EvidenceMatcher.Matches(DeliveryCamera, Decision("front", "delivery")));
        Assert.True(EvidenceMatcher.Matches(DeliveryCamera, Decision("front", "delivery", granted: false)));
        Assert.Equal("access.denied", Decision("front", "delivery", granted: false).Type);
    }

    [Fact]
    public void A_category_not_listed_or_no_category_does_not_match()
    {
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, Decision("front", "staff")));
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, Decision("front", null)));
        // Matched exactly, as docs/video.md says: a differently spelled category is another category.
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, Decision("front", "Delivery")));
    }

    [Fact]
    public void A_door_the_camera_does_not_cover_does_not_match_and_no_doors_covers_all()
    {
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, Decision("back", "delivery")));
        Assert.True(EvidenceMatcher.Matches(Camera([], new EvidenceRule(["delivery"])), Decision("back", "delivery")));
    }

    [Fact]
    public void A_pending_decision_is_not_photographed_its_outcome_is()
    {
        var pending = Decision("front", "delivery", granted: false, pending: true);
        Assert.Equal("access.pending", pending.Type);
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, pending));
    }

    [Fact]
    public void A_camera_without_a_rule_or_an_event_that_is_no_decision_does_not_match()
    {
        Assert.False(EvidenceMatcher.Matches(Camera(["front"], null), Decision("front", "delivery")));
        Assert.False(EvidenceMatcher.Matches(DeliveryCamera, new TestTriggerEvent(T0, "access.granted")));
    }
}
