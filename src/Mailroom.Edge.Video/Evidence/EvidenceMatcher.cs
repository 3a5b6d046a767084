using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Triggers;

namespace Mailroom.Edge.Video.Evidence;

/// <summary>
/// Decides whether an event falls under a camera's <see cref="EvidenceRule"/>: an <c>access.granted</c> or
/// <c>access.denied</c> (a denied use of a one-time pass is evidence too; <c>access.pending</c> is not a decision yet,
/// its outcome is) whose credential category is listed, at a door the camera covers. Pure.
/// </summary>
public static class EvidenceMatcher
{
    public static bool Matches(CameraSettings camera, DomainEvent domainEvent) =>
        camera.Evidence is { } rule
        && domainEvent is AccessEvent { Decision: { Pending: false, Category: { } category } } access
        && rule.Categories.Contains(category, StringComparer.Ordinal)
        && TriggerMatcher.Covers(camera, access);
}
