namespace Mailroom.Edge.Core.Access;

/// <summary>What the credential store knows about an enrolled card. <see cref="Responder"/> marks an emergency
/// responder, who still passes when a stale list is configured to deny everyone else.</summary>
public sealed record EnrolledCredential(
    string Format,
    uint? Facility,
    ulong Number,
    string? Holder,
    bool Enabled,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil)
{
    /// <summary>Access groups the credential belongs to (see <see cref="AccessGroup"/>).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The PIN as a <see cref="PinHash"/> string; never the PIN itself.</summary>
    public string? PinHash { get; init; }

    /// <summary>The duress PIN's hash: it opens like the PIN and raises a silent alarm.</summary>
    public string? DuressPinHash { get; init; }

    /// <summary>The PIN's blind index (<see cref="PinIndexKey.Index"/>), for entry by PIN alone; null when not enrolled.</summary>
    public string? PinIndex { get; init; }

    /// <summary>The duress PIN's blind index.</summary>
    public string? DuressPinIndex { get; init; }

    /// <summary>May pass during lockdown.</summary>
    public bool Responder { get; init; }

    /// <summary>Gets the door's extended grant time (accessibility).</summary>
    public bool ExtendedGrant { get; init; }

    /// <summary>Presenting it starts a lockdown of every door.</summary>
    public bool LockdownKey { get; init; }

    /// <summary>What kind of holder this is (<c>staff</c>, <c>delivery</c>, <c>visitor</c>, …; free text, no control
    /// characters); null for none. Carried in access events and matched by the cameras' evidence rules.</summary>
    public string? Category { get; init; }

    /// <summary>How many grants the credential has in all (a one-time pass is 1); null for no limit. Uses are counted
    /// per credential by <see cref="AccessRules"/> and kept across restarts (<see cref="ICredentialUseLog"/>).</summary>
    public int? MaxUses { get; init; }

    /// <summary>The name of a configured schedule the credential is limited to (a courier's delivery window), checked on
    /// top of its groups' schedules; null for none. A name that is not configured admits no one.</summary>
    public string? Schedule { get; init; }
}
