using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Commands;

/// <summary>An operator's public key as configured: its name (the <c>issuer</c> of the commands it signs) and whether it is revoked.</summary>
public sealed record CommandKey(string Name, ECDsa PublicKey, bool Revoked);
