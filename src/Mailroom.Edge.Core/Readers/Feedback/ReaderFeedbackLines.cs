using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>
/// The reader's feedback inputs as wired to output lines. Two LED lines drive green and red separately. With only
/// <see cref="Green"/> wired (the usual single LED wire of a HID reader), the reader shows green while the line is
/// active and red otherwise, so <see cref="LedColor.Off"/> shows red. Active levels are set on the line request, so
/// values here are logical.
/// </summary>
public sealed record ReaderFeedbackLines(LineOffset? Green, LineOffset? Red, LineOffset? Beeper);
