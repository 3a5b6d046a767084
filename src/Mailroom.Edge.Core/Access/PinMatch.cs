namespace Mailroom.Edge.Core.Access;

/// <summary>A credential whose PIN (or duress PIN, <see cref="Duress"/>) is the one typed, verified by PBKDF2.</summary>
public sealed record PinMatch(EnrolledCredential Credential, bool Duress)
{
    /// <summary>The match of <paramref name="pin"/> against <paramref name="credential"/>'s two hashes, or null.
    /// Every PIN lookup verifies through here, so the index never decides on its own.</summary>
    public static PinMatch? Of(EnrolledCredential credential, string pin)
    {
        if (PinHash.Verify(pin, credential.PinHash))
            return new PinMatch(credential, Duress: false);
        return PinHash.Verify(pin, credential.DuressPinHash) ? new PinMatch(credential, Duress: true) : null;
    }
}
