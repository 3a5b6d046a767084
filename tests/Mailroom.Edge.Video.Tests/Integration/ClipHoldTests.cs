using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Logging;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Retention;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>Held clips on real files: the hold is in the clip's metadata on disk, and retention passes them by.</summary>
public sealed class ClipHoldTests : IDisposable
{
    private const int ClipBytes = 400;
    private readonly TempDirectory _folder = new("mailroom-clip-hold");
    private readonly ManualTimeProvider _clock = new();
    private readonly EventList _events = [];
    private readonly LoggedErrors _errors = new();

    [Fact]
    public async Task Eviction_under_quota_pressure_skips_a_held_clip_the_hold_survives_reopening_the_store_and_a_release_ends_it()
    {
        var store = new ClipStore(_folder.Path);
        foreach (var id in (string[])["incident", "b", "c"])
            AddClip(store, id);
        var heldAt = _clock.GetUtcNow();
        var held = await Holds(store).HoldAsync("incident", "ops-1", "theft, case 42");
        Assert.Equal(ClipHoldChange.Held, held.Change);

        // A restart: a new store on the same folder reads the hold back from the clip's metadata.
        var reopened = new ClipStore(_folder.Path);
        Assert.Equal(new ClipHold("ops-1", heldAt, "theft, case 42"), reopened.Find("incident")!.Hold);
        // 1200 bytes against 900: the oldest evictable clip goes, and that is no longer the held one.
        var plan = await Retention(reopened, quota: 900).EnforceAsync(CancellationToken.None);

        Assert.Equal(["b"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.True(File.Exists(reopened.VideoPath("incident")));
        Assert.False(File.Exists(reopened.VideoPath("b")));
        Assert.Equal(new HeldClips(1, ClipBytes), Holds(reopened).Held());

        var releasedAt = _clock.GetUtcNow();
        var released = await Holds(reopened).ReleaseAsync("incident", "ops-2", "case closed");
        Assert.Equal(ClipHoldChange.Released, released.Change);
        AddClip(reopened, "d");
        plan = await Retention(reopened, quota: 900).EnforceAsync(CancellationToken.None);

        Assert.Equal(["incident"], plan.Evictions.Select(e => e.Clip.Id));
        Assert.False(File.Exists(reopened.VideoPath("incident")));
        Assert.Collection(_events,
            e => Assert.Equal(new ClipHeldEvent(heldAt, "incident", "lobby", "ops-1", "theft, case 42", ClipBytes), e),
            e => Assert.Equal("b", Assert.IsType<ClipEvictedEvent>(e).ClipId),
            e => Assert.Equal(new ClipReleasedEvent(releasedAt, "incident", "lobby", "ops-2", "case closed", ClipBytes), e),
            e => Assert.Equal(("incident", "quota"), (Assert.IsType<ClipEvictedEvent>(e).ClipId, ((ClipEvictedEvent)e).Reason)));
    }

    [Fact]
    public void A_hold_that_lands_after_retention_planned_stops_the_deletion()
    {
        var store = new ClipStore(_folder.Path);
        AddClip(store, "a");
        AddClip(store, "b");
        var plan = RetentionPlanner.Plan(store.List(), new RetentionPolicy(ClipBytes, TimeSpan.FromDays(1), 0), _clock.GetUtcNow(), long.MaxValue);
        Assert.Equal("a", plan.Evictions[0].Clip.Id);

        store.SetHold("a", new ClipHold("ops-1", _clock.GetUtcNow(), null));

        Assert.False(store.Evict("a"));
        Assert.True(File.Exists(store.VideoPath("a")));
        Assert.True(store.Evict("b"));
        Assert.Null(store.Find("b"));
    }

    [Fact]
    public async Task Holding_a_held_clip_or_releasing_an_unheld_one_changes_nothing_and_publishes_nothing()
    {
        var store = new ClipStore(_folder.Path);
        AddClip(store, "a");
        AddClip(store, "b");
        var holds = Holds(store);
        await holds.HoldAsync("a", "ops-1", "first");
        _clock.Advance(TimeSpan.FromMinutes(5));

        var again = await holds.HoldAsync("a", "ops-2", "second");
        var unheld = await holds.ReleaseAsync("b", "ops-1", null);
        var unknown = await holds.HoldAsync("no-such-clip", "ops-1", null);
        var outside = await holds.HoldAsync("../a", "ops-1", null);
        Assert.True(store.MarkDelivered("a"));

        Assert.Equal(ClipHoldChange.AlreadyHeld, again.Change);
        Assert.Equal(ClipHoldChange.NotHeld, unheld.Change);
        Assert.Equal((ClipHoldChange.UnknownClip, (ClipRecord?)null), (unknown.Change, unknown.Clip));
        Assert.Equal(ClipHoldChange.UnknownClip, outside.Change);
        // The first hold stands (who, when, why), and delivery's own metadata write keeps it.
        Assert.Equal(new ClipHold("ops-1", _clock.GetUtcNow() - TimeSpan.FromMinutes(5), "first"), store.Find("a")!.Hold);
        Assert.Null(store.Find("b")!.Hold);
        Assert.IsType<ClipHeldEvent>(Assert.Single(_events));
    }

    private ClipHolds Holds(ClipStore store) => new(store, _events, _clock, _errors.CreateLogger(nameof(ClipHolds)));

    private ClipRetention Retention(ClipStore store, long quota) =>
        new(store, new RetentionPolicy(quota, TimeSpan.FromDays(14), MinFreeBytes: 0), _events, _clock, _errors.CreateLogger(nameof(ClipRetention)));

    /// <summary>A committed clip of <see cref="ClipBytes"/> bytes; each one a second younger than the one before.</summary>
    private void AddClip(ClipStore store, string id)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        TestClips.Commit(store, id, _clock.GetUtcNow(), ClipBytes);
    }

    public void Dispose()
    {
        _folder.Dispose();
        _errors.ThrowIfUnexpected();
    }
}
