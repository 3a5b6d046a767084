using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>The verdict for one credential at one door, with the trace of checks that led to it.</summary>
public sealed record AccessDecision(
    bool Granted,
    DenialReason? Reason,
    CardCredential Credential,
    string? Holder,
    IReadOnlyList<DecisionCheck> Trace)
{
    /// <summary>Valid so far, waiting for a second factor or a second person (published as <c>access.pending</c>).</summary>
    public bool Pending { get; init; }

    /// <summary>Grant with the door's extended grant time (accessibility).</summary>
    public bool ExtendedGrant { get; init; }

    /// <summary>Granted with the duress PIN: the door opens as normal and a silent alarm goes out.</summary>
    public bool Duress { get; init; }

    /// <summary>The holder is a responder (passes in lockdown).</summary>
    public bool Responder { get; init; }

    /// <summary>The credential is a designated lockdown credential and started a lockdown.</summary>
    public bool StartsLockdown { get; init; }

    /// <summary>The credential's category (<c>staff</c>, <c>delivery</c>, <c>visitor</c>, …) when it has one, so the central
    /// side and the camera rules can tell a courier from an employee.</summary>
    public string? Category { get; init; }

    /// <summary>For a credential with a use limit: its grants so far, this one included when granted.</summary>
    public int? Uses { get; init; }

    /// <summary>The credential's use limit (<see cref="EnrolledCredential.MaxUses"/>), null for none.</summary>
    public int? MaxUses { get; init; }

    /// <summary>Soft anti-passback: granted, but the holder's previous passage was in the same direction.</summary>
    public bool PassbackViolation { get; init; }
}
