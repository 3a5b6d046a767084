using System.Security.Cryptography;
using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Testing.Commands;

/// <summary>The keys of a command test: the operator's (trusted), a revoked one, and an attacker's (never configured).</summary>
public sealed class CommandTestKeys : IDisposable
{
    public const string Operator = "ops";
    public const string RevokedName = "old-ops";

    public ECDsa OperatorKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa RevokedKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ECDsa AttackerKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string OperatorPublicKey => Convert.ToBase64String(OperatorKey.ExportSubjectPublicKeyInfo());

    public string RevokedPublicKey => OperatorKeyPem(RevokedKey);

    /// <summary>The agent's key ring: the operator's key, and the revoked one.</summary>
    public CommandKeyRing Ring() => new([
        new CommandKey(Operator, CommandKeyRing.ImportPublicKey(OperatorPublicKey), Revoked: false),
        new CommandKey(RevokedName, CommandKeyRing.ImportPublicKey(RevokedPublicKey), Revoked: true),
    ]);

    private static string OperatorKeyPem(ECDsa key) => key.ExportSubjectPublicKeyInfoPem();

    public void Dispose()
    {
        OperatorKey.Dispose();
        RevokedKey.Dispose();
        AttackerKey.Dispose();
    }
}
