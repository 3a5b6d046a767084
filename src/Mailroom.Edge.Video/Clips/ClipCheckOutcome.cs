namespace Mailroom.Edge.Video.Clips;

/// <summary>What the check of a clip file decided (<see cref="ClipCheck"/>).</summary>
public enum ClipCheckOutcome
{
    /// <summary>The file holds what the clip claims: <c>clip.ready</c> as is.</summary>
    Passed,

    /// <summary>The file is real video but less than claimed (short, or without the camera's audio): kept, announced as partial, with <c>clip.missing</c>.</summary>
    Flagged,

    /// <summary>The file is not readable video: never announced as ready; <c>clip.missing</c> and the file is kept aside.</summary>
    Rejected,

    /// <summary>The check could not run (ffprobe missing or stuck): announced with <c>checked</c> false and the ring's figures.</summary>
    Unchecked,
}
