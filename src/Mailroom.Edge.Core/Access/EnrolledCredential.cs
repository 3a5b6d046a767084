namespace Mailroom.Edge.Core.Access;

/// <summary>What the credential store knows about an enrolled card.</summary>
public sealed record EnrolledCredential(
    string Format,
    uint? Facility,
    ulong Number,
    string? Holder,
    bool Enabled,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil);
