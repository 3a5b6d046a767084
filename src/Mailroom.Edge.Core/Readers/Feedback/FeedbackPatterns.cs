namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>
/// The default patterns. They follow what installers expect from HID-style readers: red at rest, green with one short
/// beep on a grant, red with three short beeps on a denial, slow green blinking while a PIN is awaited, fast red
/// blinking during lockdown, and a beep every second while a door is held open past its pre-alarm. A reader's config
/// may replace any of them.
/// </summary>
public static class FeedbackPatterns
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    public static FeedbackPattern Granted { get; } = new("granted",
    [
        new FeedbackStep(LedColor.Green, true, Short),
        new FeedbackStep(LedColor.Green, false, TimeSpan.FromMilliseconds(2900)),
    ]);

    public static FeedbackPattern Denied { get; } = new("denied",
    [
        new FeedbackStep(LedColor.Red, true, Short), new FeedbackStep(LedColor.Off, false, Short),
        new FeedbackStep(LedColor.Red, true, Short), new FeedbackStep(LedColor.Off, false, Short),
        new FeedbackStep(LedColor.Red, true, Short),
    ]);

    public static FeedbackPattern WaitingForPin { get; } = new("waiting_for_pin",
    [
        new FeedbackStep(LedColor.Green, false, TimeSpan.FromMilliseconds(250)),
        new FeedbackStep(LedColor.Off, false, TimeSpan.FromMilliseconds(250)),
    ], Repeat: true);

    public static FeedbackPattern Lockdown { get; } = new("lockdown",
    [
        new FeedbackStep(LedColor.Red, false, Short),
        new FeedbackStep(LedColor.Off, false, Short),
    ], Repeat: true);

    public static FeedbackPattern HeldOpenWarning { get; } = new("held_open_warning",
    [
        new FeedbackStep(LedColor.Red, true, TimeSpan.FromMilliseconds(200)),
        new FeedbackStep(LedColor.Red, false, TimeSpan.FromMilliseconds(800)),
    ], Repeat: true);

    public static IReadOnlyList<FeedbackPattern> All { get; } = [Granted, Denied, WaitingForPin, Lockdown, HeldOpenWarning];
}
