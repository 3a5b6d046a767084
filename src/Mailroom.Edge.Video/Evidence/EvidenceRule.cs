namespace Mailroom.Edge.Video.Evidence;

/// <summary>
/// A camera's evidence rule (docs/video.md, "Evidence rule"): every access decision, granted or denied, on a credential
/// whose category is in <see cref="Categories"/> (exact, case-sensitive) at a door the camera covers gets a snapshot —
/// mailrooms photograph every use of a courier's credential. With <see cref="Clip"/> such a decision also triggers a
/// normal clip, whether or not the camera's triggers list its type.
/// </summary>
public sealed record EvidenceRule(IReadOnlyList<string> Categories, bool Clip = false);
