namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>One operator key: an ECDSA P-256 public key (PEM or base64 SubjectPublicKeyInfo) and whether it is revoked.</summary>
public sealed class CommandKeyOptions
{
    public string PublicKey { get; set; } = "";

    /// <summary>True refuses every command signed with this key (kept, rather than deleted, so refusals say why).</summary>
    public bool Revoked { get; set; }

    /// <summary>When the key was made (mailroomctl keygen prints it), so the self-assessment can say when it is due for
    /// rotation (<c>Assessment:KeyMaxAge</c>); optional.</summary>
    public DateTimeOffset? Created { get; set; }
}
