using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// The operator public keys the agent trusts, by name. A key is an ECDSA P-256 SubjectPublicKeyInfo, as PEM
/// (<c>-----BEGIN PUBLIC KEY-----</c>) or bare base64 DER; any other curve or algorithm is refused at load time, so a
/// weak key cannot be configured by mistake.
/// </summary>
public sealed class CommandKeyRing
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private readonly Dictionary<string, CommandKey> _keys;

    public CommandKeyRing(IEnumerable<CommandKey> keys) => _keys = keys.ToDictionary(k => k.Name, StringComparer.Ordinal);

    public static CommandKeyRing Empty { get; } = new([]);

    public IReadOnlyCollection<CommandKey> Keys => _keys.Values;

    public CommandKey? Find(string name) => _keys.GetValueOrDefault(name);

    /// <summary>Imports a P-256 public key; throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static ECDsa ImportPublicKey(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var key = ECDsa.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
                key.ImportFromPem(text);
            else
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(text.Trim()), out _);
            if (key.ExportParameters(false).Curve.Oid.Value != P256Oid)
                throw new ArgumentException("the key is not on the P-256 curve (prime256v1)");
            return key;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            key.Dispose();
            throw new ArgumentException($"not an ECDSA P-256 public key (PEM or base64 SubjectPublicKeyInfo): {e.Message}", e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
