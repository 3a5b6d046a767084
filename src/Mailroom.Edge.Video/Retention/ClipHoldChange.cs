namespace Mailroom.Edge.Video.Retention;

/// <summary>What a hold or release did; the repeats are answered as accepted, because the clip is as asked.</summary>
public enum ClipHoldChange
{
    Held,
    AlreadyHeld,
    Released,
    NotHeld,
    UnknownClip,
}
