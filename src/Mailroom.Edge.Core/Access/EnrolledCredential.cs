namespace Mailroom.Edge.Core.Access;

/// <summary>What the credential store knows about an enrolled card. <paramref name="Responder"/> marks an emergency
/// responder, who still passes when a stale list is configured to deny everyone else.</summary>
public sealed record EnrolledCredential(
    string Format,
    uint? Facility,
    ulong Number,
    string? Holder,
    bool Enabled,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    bool Responder = false);
