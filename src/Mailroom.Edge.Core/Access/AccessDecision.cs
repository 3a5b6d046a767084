using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>The verdict for one credential at one door, with the trace of checks that led to it.</summary>
public sealed record AccessDecision(
    bool Granted,
    DenialReason? Reason,
    CardCredential Credential,
    string? Holder,
    IReadOnlyList<DecisionCheck> Trace);
