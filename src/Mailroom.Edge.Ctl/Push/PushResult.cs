namespace Mailroom.Edge.Ctl.Push;

/// <summary>How a push to one device ended.</summary>
internal enum PushResult
{
    /// <summary>The device applied the list (or already held it).</summary>
    Applied,

    /// <summary>The device refused the authorisation or the sync (its reason is in the outcome).</summary>
    Rejected,

    /// <summary>The device did not answer in time (offline, or still applying).</summary>
    NoAnswer,

    /// <summary>mailroomctl could not do its part (the broker refused a publish, the connection was lost).</summary>
    Failed,
}
