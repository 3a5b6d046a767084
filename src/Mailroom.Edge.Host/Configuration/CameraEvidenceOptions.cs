namespace Mailroom.Edge.Host.Configuration;

/// <summary>
/// A camera's evidence rule (docs/video.md, "Evidence rule"): a snapshot of every access decision, granted or denied, on a
/// credential whose category is listed, at a door the camera covers.
/// </summary>
public sealed class CameraEvidenceOptions
{
    /// <summary>Credential categories to photograph (exact, named as <see cref="Core.Access.CredentialCategory"/> requires, e.g. <c>delivery</c>); empty: no rule.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Also cut a normal clip (the camera's pre- and post-roll) for those decisions. Off: a snapshot only.</summary>
    public bool Clip { get; set; }
}
