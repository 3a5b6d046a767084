using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Decides whether a presented card may pass: enrolled, enabled, inside its validity window. Every check is recorded
/// in order, and the first that fails is the denial reason. Pure: the store and the clock are ports. With a
/// <see cref="CredentialFreshness"/> whose list is stale under <see cref="StaleListPolicy.RespondersOnly"/>, only
/// responders pass.
/// </summary>
public sealed class AccessPolicy(ICredentialStore credentials, TimeProvider time, CredentialFreshness? freshness = null)
{
    public AccessDecision Decide(CardCredential card)
    {
        var trace = new List<DecisionCheck>(4);
        var enrolled = credentials.Find(card);
        if (enrolled is null)
            return Deny(DenialReason.UnknownCredential, "enrolled", "no such card in the credential list");
        trace.Add(new DecisionCheck("enrolled", true));

        if (!enrolled.Enabled)
            return Deny(DenialReason.CredentialDisabled, "enabled", null, enrolled.Holder);
        trace.Add(new DecisionCheck("enabled", true));

        var now = time.GetUtcNow();
        if (enrolled.ValidFrom is { } from && now < from)
            return Deny(DenialReason.CredentialNotYetValid, "valid_from", $"valid from {from:O}", enrolled.Holder);
        if (enrolled.ValidUntil is { } until && now >= until)
            return Deny(DenialReason.CredentialExpired, "valid_until", $"expired {until:O}", enrolled.Holder);
        trace.Add(new DecisionCheck("validity", true));

        if (freshness?.Refuses(enrolled) is { } stale)
            return Deny(DenialReason.CredentialListStale, "list_fresh", stale, enrolled.Holder);

        return new AccessDecision(true, null, card, enrolled.Holder, trace);

        AccessDecision Deny(DenialReason reason, string check, string? detail, string? holder = null)
        {
            trace.Add(new DecisionCheck(check, false, detail));
            return new AccessDecision(false, reason, card, holder, trace);
        }
    }
}
