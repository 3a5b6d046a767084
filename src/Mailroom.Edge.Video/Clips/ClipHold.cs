namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Why a clip is kept from retention (<see cref="ClipRecord.Hold"/>): who held it (the signed command's issuer), when,
/// and the operator's note. Stored in the clip's own metadata, so it survives a restart and goes where the clip goes.
/// </summary>
public sealed record ClipHold(string By, DateTimeOffset At, string? Reason);
