using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Retention;

/// <summary>
/// Applies the <see cref="RetentionPlanner"/>'s plan to the clip folder; each deletion is a <c>clip.evicted</c> event, so
/// nothing disappears silently. Shared by every camera's clip loop; one run at a time.
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
            foreach (var eviction in plan.Evictions)
                store.Delete(eviction.Clip.Id);
        }
        foreach (var eviction in plan.Evictions)
        {
            logger.LogInformation("Clip {Clip} evicted ({Reason}, delivered: {Delivered})", eviction.Clip.Id, eviction.Reason, eviction.Clip.Delivered);
            await events.Emit(new ClipEvictedEvent(time.GetUtcNow(), eviction.Clip.Id, eviction.Clip.Camera, eviction.Reason, eviction.Clip.Delivered)).WaitAsync(cancellationToken);
        }
        if (plan.ShortfallBytes > 0)
            logger.LogWarning("Clip storage is {Bytes} bytes over its limits, held by undelivered alarm clips", plan.ShortfallBytes);
        return plan;
    }
}
