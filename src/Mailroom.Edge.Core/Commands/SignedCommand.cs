namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// A command envelope whose shape has been checked (not yet its authority). <see cref="SignedBytes"/> are the exact
/// bytes of the <c>command</c> object as received; <see cref="Signature"/> is the ECDSA P-256 signature over them in
/// IEEE P1363 form (r‖s, 64 bytes). See docs/security.md, "Canonical form".
/// </summary>
public sealed record SignedCommand(
    string Id,
    string Name,
    string Site,
    string Device,
    string Issuer,
    long Counter,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    CommandArguments Arguments,
    ReadOnlyMemory<byte> SignedBytes,
    byte[] Signature);
