using System.Security.Cryptography;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// The one-time code an installer types to set the page's password: 12 characters from an alphabet without look-alikes
/// (about 60 bits), kept only as a PBKDF2 hash. Made on the device by <c>installer enable</c>, or by the operator's tool
/// for the signed <c>installer</c> command, which sends only the hash.
/// </summary>
public static class InstallerSetupCode
{
    public static string New() => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 12);

    public static string Hash(string code) => PinHash.Hash(code, InstallerArguments.MinimumIterations);
}
