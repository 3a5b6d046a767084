namespace Mailroom.Edge.Video.Delivery;

/// <summary>What an acknowledgement from the central server did.</summary>
public enum ClipAcknowledgement
{
    /// <summary>The hash matched: the clip is marked delivered.</summary>
    Delivered,

    /// <summary>The hash did not match: the server's copy is bad, the clip is sent again from the start.</summary>
    Mismatch,

    /// <summary>No such clip (never made, or already evicted).</summary>
    UnknownClip,
}
