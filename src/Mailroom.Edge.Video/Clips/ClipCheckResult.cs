namespace Mailroom.Edge.Video.Clips;

/// <summary>The check's decision on one clip file: the outcome, its <c>clip.missing</c> reason and a sentence for a person.</summary>
public sealed record ClipCheckResult(ClipCheckOutcome Outcome, string? Reason = null, string? Detail = null)
{
    public static readonly ClipCheckResult Passed = new(ClipCheckOutcome.Passed);
}
