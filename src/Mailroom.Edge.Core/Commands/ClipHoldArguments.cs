namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>clip</c> with <c>"action":"hold"</c> or <c>"action":"release"</c>: keep clip <see cref="ClipId"/> from retention
/// for an incident (<see cref="Hold"/> true), or let the normal rules evict it again. <see cref="Reason"/> is the
/// operator's note (at most <see cref="MaxReasonLength"/> characters, no control characters); it is kept with the clip
/// and published in <c>clip.held</c> / <c>clip.released</c>.
/// </summary>
public sealed record ClipHoldArguments(string ClipId, bool Hold, string? Reason) : CommandArguments
{
    public const string HoldAction = "hold";
    public const string ReleaseAction = "release";

    /// <summary>Enough for an incident number and a sentence; bounded because it is stored and published.</summary>
    public const int MaxReasonLength = 200;
}
