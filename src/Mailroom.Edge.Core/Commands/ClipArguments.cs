using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>clip</c> without <c>action</c> (or <c>"action":"request"</c>): record a clip of the camera(s) at
/// <see cref="Door"/> covering the last <see cref="Seconds"/> seconds. The agent refuses more than its ring keeps
/// (<c>Video:RingSeconds</c>); <see cref="MaxSeconds"/> bounds that setting.
/// </summary>
public sealed record ClipArguments(DoorId Door, int Seconds) : CommandArguments
{
    public const int MaxSeconds = 300;

    public static readonly IReadOnlyList<string> Actions = ["request", "ack", "resend", ClipHoldArguments.HoldAction, ClipHoldArguments.ReleaseAction];
}
