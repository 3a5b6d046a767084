using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Video.Retention;

/// <summary>
/// Holds clips for an incident and releases them (the signed <c>clip</c> <c>hold</c> / <c>release</c>). The hold is
/// written into the clip's metadata before the event, so a <c>clip.held</c> is never published for a hold that a power
/// cut lost; repeats change nothing and publish nothing.
/// </summary>
public sealed class ClipHolds(ClipStore store, IEventPort events, TimeProvider time, ILogger logger)
{
    /// <summary>Holds clip <paramref name="clipId"/> for <paramref name="by"/> (the command's issuer).</summary>
    public async Task<ClipHoldResult> HoldAsync(string clipId, string by, string? reason)
    {
        var hold = new ClipHold(by, time.GetUtcNow(), reason);
        if (store.SetHold(clipId, hold) is not { } before)
            return new ClipHoldResult(ClipHoldChange.UnknownClip, null);
        if (before.Hold is not null)
            return new ClipHoldResult(ClipHoldChange.AlreadyHeld, before);
        logger.LogInformation("Clip {Clip} held by {By}: {Reason}", clipId, by, reason ?? "(no reason given)");
        await events.Emit(new ClipHeldEvent(hold.At, clipId, before.Camera, by, reason, before.SizeBytes));
        return new ClipHoldResult(ClipHoldChange.Held, before with { Hold = hold });
    }

    /// <summary>Releases clip <paramref name="clipId"/>: retention's normal rules apply to it from its next pass.</summary>
    public async Task<ClipHoldResult> ReleaseAsync(string clipId, string by, string? reason)
    {
        if (store.SetHold(clipId, null) is not { } before)
            return new ClipHoldResult(ClipHoldChange.UnknownClip, null);
        if (before.Hold is null)
            return new ClipHoldResult(ClipHoldChange.NotHeld, before);
        logger.LogInformation("Clip {Clip} released by {By} (held by {HeldBy} since {Since}): {Reason}",
            clipId, by, before.Hold.By, before.Hold.At, reason ?? "(no reason given)");
        await events.Emit(new ClipReleasedEvent(time.GetUtcNow(), clipId, before.Camera, by, reason, before.SizeBytes));
        return new ClipHoldResult(ClipHoldChange.Released, before with { Hold = null });
    }

    /// <summary>The clips held now; reads every clip's metadata, so it is for health and checks, not a hot path.</summary>
    public HeldClips Held() => HeldClips.Of(store.List());
}
