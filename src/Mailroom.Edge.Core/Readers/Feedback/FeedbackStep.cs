namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>One step of a feedback pattern: the LED colour and whether the beeper sounds, held for a duration.</summary>
public sealed record FeedbackStep(LedColor Led, bool Beep, TimeSpan Duration);
