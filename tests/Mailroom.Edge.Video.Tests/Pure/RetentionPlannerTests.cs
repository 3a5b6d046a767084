using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Retention;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class RetentionPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetentionPolicy Policy = new(QuotaBytes: 1000, MaxAge: TimeSpan.FromDays(7), MinFreeBytes: 100);
    private const long PlentyFree = 1_000_000;

    private static readonly ClipHold Held = new("ops-1", Now, "incident 42");

    private static ClipRecord Clip(string id, double ageHours, long size, bool delivered = false, bool alarm = false, bool held = false) =>
        TestClips.Record(id, Now.AddHours(-ageHours), size, "door") with { Delivered = delivered, IsAlarm = alarm, Hold = held ? Held : null };

    [Fact]
    public void Within_limits_nothing_is_evicted()
    {
        var plan = RetentionPlanner.Plan([Clip("a", 1, 400), Clip("b", 2, 500)], Policy, Now, PlentyFree);
        Assert.Empty(plan.Evictions);
        Assert.Equal(0, plan.ShortfallBytes);
    }

    [Fact]
    public void Over_quota_evicts_delivered_oldest_first_then_undelivered_non_alarm()
    {
        var clips = new[]
        {
            Clip("old-undelivered", 10, 300),
            Clip("old-alarm", 9, 300, alarm: true),
            Clip("delivered-older", 8, 300, delivered: true),
            Clip("delivered-newer", 7, 300, delivered: true),
            Clip("new-undelivered", 1, 300),
        };
        var plan = RetentionPlanner.Plan(clips, Policy with { QuotaBytes = 600 }, Now, PlentyFree);
        Assert.Equal(["delivered-older", "delivered-newer", "old-undelivered"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.All(plan.Evictions, e => Assert.Equal("quota", e.Reason));
    }

    [Fact]
    public void Undelivered_alarm_clips_are_kept_and_the_shortfall_reported()
    {
        var plan = RetentionPlanner.Plan([Clip("a1", 3, 800, alarm: true), Clip("a2", 2, 800, alarm: true)], Policy, Now, PlentyFree);
        Assert.Empty(plan.Evictions);
        Assert.Equal(600, plan.ShortfallBytes);
    }

    [Fact]
    public void Old_clips_go_for_age_but_undelivered_alarm_clips_wait_for_delivery()
    {
        var clips = new[] { Clip("ancient", 24 * 8, 10), Clip("ancient-alarm", 24 * 9, 10, alarm: true), Clip("fresh", 1, 10) };
        var plan = RetentionPlanner.Plan(clips, Policy, Now, PlentyFree);
        var eviction = Assert.Single(plan.Evictions);
        Assert.Equal(("ancient", "max_age"), (eviction.Clip.Id, eviction.Reason));
    }

    [Fact]
    public void A_full_disk_evicts_until_the_free_floor_is_back()
    {
        var clips = new[] { Clip("a", 3, 60, delivered: true), Clip("b", 2, 60), Clip("c", 1, 60) };
        var plan = RetentionPlanner.Plan(clips, Policy, Now, freeBytes: 0);
        Assert.Equal(["a", "b"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.All(plan.Evictions, e => Assert.Equal("disk_free", e.Reason));
    }

    [Fact]
    public void Over_quota_held_clips_are_skipped_the_others_go_in_the_usual_order_and_the_shortfall_is_reported()
    {
        var clips = new[]
        {
            Clip("held-delivered", 11, 300, delivered: true, held: true),
            Clip("old-undelivered", 10, 300),
            Clip("held-undelivered", 9, 300, held: true),
            Clip("delivered", 8, 300, delivered: true),
            Clip("new-undelivered", 1, 300),
        };
        var plan = RetentionPlanner.Plan(clips, Policy with { QuotaBytes = 400 }, Now, PlentyFree);
        Assert.Equal(["delivered", "old-undelivered", "new-undelivered"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.All(plan.Evictions, e => Assert.Equal("quota", e.Reason));
        Assert.Equal(200, plan.ShortfallBytes);
    }

    [Fact]
    public void Under_the_free_space_floor_held_clips_are_skipped()
    {
        var clips = new[] { Clip("held", 3, 40, delivered: true, held: true), Clip("b", 2, 40), Clip("c", 1, 40) };
        var plan = RetentionPlanner.Plan(clips, Policy, Now, freeBytes: 0);
        Assert.Equal(["b", "c"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.All(plan.Evictions, e => Assert.Equal("disk_free", e.Reason));
        Assert.Equal(Policy.MinFreeBytes - 80, plan.ShortfallBytes);
    }

    [Fact]
    public void Past_the_maximum_age_held_clips_are_kept_even_delivered_ones()
    {
        var clips = new[] { Clip("ancient-held", 24 * 30, 10, delivered: true, held: true), Clip("ancient", 24 * 8, 10, delivered: true), Clip("fresh", 1, 10) };
        var plan = RetentionPlanner.Plan(clips, Policy, Now, PlentyFree);
        var eviction = Assert.Single(plan.Evictions);
        Assert.Equal(("ancient", "max_age"), (eviction.Clip.Id, eviction.Reason));
    }

    [Fact]
    public void A_released_clip_is_evictable_again_by_the_normal_rules()
    {
        var held = Clip("incident", 24 * 30, 10, delivered: true, held: true);
        Assert.Empty(RetentionPlanner.Plan([held], Policy, Now, PlentyFree).Evictions);

        var eviction = Assert.Single(RetentionPlanner.Plan([held with { Hold = null }], Policy, Now, PlentyFree).Evictions);
        Assert.Equal(("incident", "max_age"), (eviction.Clip.Id, eviction.Reason));
    }
}
