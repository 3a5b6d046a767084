using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// What an <see cref="AccessPoint"/> knows about its reader beyond the formats: its kind, where its diagnostics go,
/// its LED/beeper player and feedback patterns, and (for a keypad) its PIN entry. Everything optional defaults to a
/// plain card reader with no feedback wired.
/// </summary>
public sealed record ReaderFrontEnd
{
    public ReaderKind Kind { get; init; } = ReaderKind.Card;

    public ReaderDiagnostics? Diagnostics { get; init; }

    public ReaderFeedbackPlayer? Feedback { get; init; }

    public FeedbackPattern Granted { get; init; } = FeedbackPatterns.Granted;

    public FeedbackPattern Denied { get; init; } = FeedbackPatterns.Denied;

    public FeedbackPattern WaitingForPin { get; init; } = FeedbackPatterns.WaitingForPin;

    public PinEntry? PinEntry { get; init; }

    public static ReaderFrontEnd CardOnly { get; } = new();
}
