using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Retention;

/// <summary>
/// Chooses which clips to delete. Clips past the maximum age go first. Then, while the clips exceed the quota or the
/// disk is below its free-space floor: the oldest delivered clips (the central server has them), then the oldest
/// undelivered clips that no alarm triggered. An undelivered alarm clip is never deleted here — it may be the only copy
/// of evidence — and neither is a clip an operator holds (<see cref="ClipRecord.Hold"/>), by any rule; the plan reports
/// the bytes it could not free instead.
/// </summary>
public static class RetentionPlanner
{
    public static RetentionPlan Plan(IReadOnlyList<ClipRecord> clips, RetentionPolicy policy, DateTimeOffset now, long freeBytes)
    {
        var evictions = new List<Eviction>();
        var remaining = new List<ClipRecord>();
        foreach (var clip in clips.OrderBy(c => c.CreatedAt))
        {
            if (now - clip.CreatedAt > policy.MaxAge && IsEvictable(clip))
                evictions.Add(new Eviction(clip, "max_age"));
            else
                remaining.Add(clip);
        }

        var freedByAge = evictions.Sum(e => e.Clip.SizeBytes);
        var overQuota = remaining.Sum(c => c.SizeBytes) - policy.QuotaBytes;
        var underFloor = policy.MinFreeBytes - (freeBytes + freedByAge);
        var evictable = remaining.Where(c => c.Hold is null).ToList();
        var order = evictable.Where(c => c.Delivered).Concat(evictable.Where(c => !c.Delivered && !c.IsAlarm));
        foreach (var clip in order)
        {
            if (overQuota <= 0 && underFloor <= 0)
                break;
            evictions.Add(new Eviction(clip, overQuota > 0 ? "quota" : "disk_free"));
            overQuota -= clip.SizeBytes;
            underFloor -= clip.SizeBytes;
        }
        return new RetentionPlan(evictions, Math.Max(0, Math.Max(overQuota, underFloor)));
    }

    private static bool IsEvictable(ClipRecord clip) => clip.Hold is null && (clip.Delivered || !clip.IsAlarm);
}
