namespace Mailroom.Edge.Ctl.Push;

/// <summary>One device's line of the push table.</summary>
/// <param name="Device">The device.</param>
/// <param name="Result">How it ended.</param>
/// <param name="Kind"><c>snapshot</c>, <c>delta</c>, <c>none</c> (already current) or <c>-</c> (nothing sent).</param>
/// <param name="Version">The version pushed (or held), when known.</param>
/// <param name="Count">The device's count after an applied sync.</param>
/// <param name="HashEqual">Whether the device's hash after the sync equals mailroomctl's; null when it gave none.</param>
/// <param name="Seconds">From the start of this device's push to its outcome.</param>
/// <param name="Detail">Why, for anything but a plain success.</param>
internal sealed record PushOutcome(string Device, PushResult Result, string Kind, long? Version, long? Count, bool? HashEqual, double Seconds, string? Detail);
