using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Retention;

/// <summary>
/// Applies the <see cref="RetentionPlanner"/>'s plan to the clip folder; each deletion is a <c>clip.evicted</c> event, so
/// nothing disappears silently. Shared by every camera's clip loop; one run at a time. A clip held after the plan was
/// made is skipped (<see cref="ClipStore.Evict"/>), so the plan returned lists only what was really deleted.
/// </summary>
public sealed class ClipRetention(ClipStore store, RetentionPolicy policy, IEventPort events, TimeProvider time, ILogger logger)
{
    private readonly Lock _gate = new();

    public async Task<RetentionPlan> EnforceAsync(CancellationToken cancellationToken)
    {
        RetentionPlan plan;
        lock (_gate)
        {
            plan = RetentionPlanner.Plan(store.List(), policy, time.GetUtcNow(), store.FreeBytes());
            plan = plan with { Evictions = [.. plan.Evictions.Where(e => store.Evict(e.Clip.Id))] };
        }
        foreach (var eviction in plan.Evictions)
        {
            logger.LogInformation("Clip {Clip} evicted ({Reason}, delivered: {Delivered})", eviction.Clip.Id, eviction.Reason, eviction.Clip.Delivered);
            await events.Emit(new ClipEvictedEvent(time.GetUtcNow(), eviction.Clip.Id, eviction.Clip.Camera, eviction.Reason, eviction.Clip.Delivered)).WaitAsync(cancellationToken);
        }
        if (plan.ShortfallBytes > 0)
            logger.LogWarning("Clip storage is {Bytes} bytes over its limits, kept by undelivered alarm clips and held clips", plan.ShortfallBytes);
        return plan;
    }
}
