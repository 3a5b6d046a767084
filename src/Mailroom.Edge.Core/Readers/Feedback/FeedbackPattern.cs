namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>A named sequence of LED/beeper steps, played once or repeated until another pattern replaces it.</summary>
public sealed record FeedbackPattern(string Name, IReadOnlyList<FeedbackStep> Steps, bool Repeat = false)
{
    public string? Validate()
    {
        if (Steps.Count == 0)
            return $"pattern {Name}: has no steps";
        if (Steps.Any(s => s.Duration <= TimeSpan.Zero))
            return $"pattern {Name}: every step needs a positive duration";
        return null;
    }
}
