namespace Mailroom.Edge.Core.Access;

/// <summary>The port that tells which credential list is live (for staleness, health and status).</summary>
public interface ICredentialListInfo
{
    CredentialListStatus Status { get; }
}
