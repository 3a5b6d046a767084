namespace Mailroom.Edge.Core.Access;

/// <summary>How many times a credential with a use limit has been granted (<see cref="EnrolledCredential.MaxUses"/>),
/// keyed like anti-passback memory (<c>format:facility:number</c>).</summary>
public sealed record CredentialUse(string Credential, int Uses);
