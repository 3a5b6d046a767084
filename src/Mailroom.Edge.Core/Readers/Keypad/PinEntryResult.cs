namespace Mailroom.Edge.Core.Readers.Keypad;

/// <summary>The effect of one key press. <see cref="AbandonedStale"/> is true when digits typed before the inter-key
/// timeout were dropped before this key was taken as the start of a new entry.</summary>
public sealed record PinEntryResult(PinEntryOutcome Outcome, Pin? Pin, int DigitCount, bool AbandonedStale);
