using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>A sync message was refused; the live list is unchanged. <see cref="RequestSnapshot"/> says whether only a
/// full snapshot can bring the agent up to date again.</summary>
public sealed class CredentialSyncException : Exception
{
    public CredentialSyncException(string message, bool requestSnapshot) : base(message) => RequestSnapshot = requestSnapshot;

    public CredentialSyncException() : this("the credential sync message was refused", false)
    {
    }

    public CredentialSyncException(string message) : this(message, false)
    {
    }

    public CredentialSyncException(string message, Exception inner) : base(message, inner)
    {
    }

    public bool RequestSnapshot { get; }
}
