using Mailroom.Edge.Video.Clips;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class ClipPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30);

    private static ClipPlanner Planner() => new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));

    [Fact]
    public void A_trigger_asks_for_pre_and_post_roll_and_is_due_once_recorded()
    {
        var planner = Planner();
        var id = Guid.NewGuid();
        planner.Add(new ClipTrigger(id, T0));

        Assert.Empty(planner.TakeDue(T0.AddSeconds(9.9), T0.AddSeconds(10), GiveUp));
        var window = Assert.Single(planner.TakeDue(T0.AddSeconds(10), T0.AddSeconds(11), GiveUp));
        Assert.Equal(T0.AddSeconds(-5), window.Start);
        Assert.Equal(T0.AddSeconds(10), window.End);
        Assert.Equal(T0, window.SnapshotAt);
        Assert.Equal([id], window.Triggers);
        Assert.Equal(0, planner.Pending);
    }

    [Fact]
    public void A_merged_clip_names_each_door_once()
    {
        var planner = Planner();
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0, Door: "front"));
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0.AddSeconds(1), Door: "back"));
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0.AddSeconds(2), Door: "front"));
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0.AddSeconds(3)));

        Assert.Equal(["front", "back"], Assert.Single(planner.TakeDue(T0.AddMinutes(1), T0.AddMinutes(1), GiveUp)).EffectiveDoors);
    }

    [Fact]
    public void Overlapping_triggers_extend_one_clip()
    {
        var planner = Planner();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var c = Guid.NewGuid();
        planner.Add(new ClipTrigger(a, T0));
        planner.Add(new ClipTrigger(b, T0.AddSeconds(8)));
        planner.Add(new ClipTrigger(c, T0.AddSeconds(20), IsAlarm: true));

        Assert.Equal(1, planner.Pending);
        var window = Assert.Single(planner.TakeDue(T0.AddSeconds(30), T0.AddSeconds(30), GiveUp));
        Assert.Equal((T0.AddSeconds(-5), T0.AddSeconds(30)), (window.Start, window.End));
        Assert.Equal([a, b, c], window.Triggers);
        Assert.True(window.IsAlarm);
    }

    [Fact]
    public void Separate_triggers_make_separate_clips_in_order()
    {
        var planner = Planner();
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0));
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0.AddSeconds(16)));

        Assert.Equal(T0.AddSeconds(-5), planner.NeededFrom);
        Assert.Single(planner.TakeDue(T0.AddSeconds(12), T0.AddSeconds(12), GiveUp));
        Assert.Equal(T0.AddSeconds(11), planner.NeededFrom);
        Assert.Single(planner.TakeDue(T0.AddSeconds(26), T0.AddSeconds(26), GiveUp));
        Assert.Null(planner.NeededFrom);
    }

    [Fact]
    public void A_clip_stops_growing_at_the_maximum_length()
    {
        var planner = new ClipPlanner(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));
        for (var s = 0; s <= 40; s += 5)
            planner.Add(new ClipTrigger(Guid.NewGuid(), T0.AddSeconds(s)));

        var windows = planner.TakeDue(T0.AddSeconds(60), T0.AddSeconds(60), GiveUp);
        // [-5, 25] holds t = 0..15; [15, 45] holds t = 20..35; t = 40 starts [35, 50].
        Assert.Equal(3, windows.Count);
        Assert.All(windows, w => Assert.True(w.End - w.Start <= TimeSpan.FromSeconds(30)));
        Assert.Equal(9, windows.Sum(w => w.Triggers.Count));
    }

    [Fact]
    public void A_window_the_camera_never_covers_is_given_up_on()
    {
        var planner = Planner();
        planner.Add(new ClipTrigger(Guid.NewGuid(), T0));
        Assert.Empty(planner.TakeDue(null, T0.AddSeconds(39), GiveUp));
        Assert.Single(planner.TakeDue(null, T0.AddSeconds(40), GiveUp));
    }
}
