namespace Mailroom.Edge.Core.Access;

/// <summary>What the agent does when the credential list is older than its configured maximum age.</summary>
public enum StaleListPolicy
{
    /// <summary>Keep deciding with the stale list; the staleness is alarmed and reported.</summary>
    KeepGoing,

    /// <summary>Deny everyone but credentials flagged as responders; also alarmed and reported.</summary>
    RespondersOnly,
}
