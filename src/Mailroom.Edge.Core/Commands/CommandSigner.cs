using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// The operator side of the canonical form (docs/security.md): writes the <c>command</c> object as UTF-8 JSON, signs
/// those bytes with ECDSA P-256/SHA-256 (P1363 form), and embeds the same bytes unchanged in the envelope. The agent
/// verifies the bytes it receives, so no JSON canonicalisation is needed on either side.
/// </summary>
public static class CommandSigner
{
    public static byte[] CommandBytes(CommandDraft draft)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("id", draft.Id);
            json.WriteString("name", draft.Name);
            json.WriteString("site", draft.Site);
            json.WriteString("device", draft.Device);
            json.WriteString("issuer", draft.Issuer);
            json.WriteNumber("counter", draft.Counter);
            json.WriteString("issued_at", WireNames.Timestamp(draft.IssuedAt));
            json.WriteString("expires_at", WireNames.Timestamp(draft.ExpiresAt));
            json.WritePropertyName("args");
            draft.Args.WriteTo(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Sign(ReadOnlySpan<byte> commandBytes, ECDsa privateKey) =>
        privateKey.SignData(commandBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary><c>{"command":…,"sig":"…"}</c> with <paramref name="commandBytes"/> copied verbatim.</summary>
    public static byte[] Envelope(ReadOnlySpan<byte> commandBytes, ReadOnlySpan<byte> signature)
    {
        var buffer = new ArrayBufferWriter<byte>(commandBytes.Length + 128);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("command");
            json.WriteRawValue(commandBytes, skipInputValidation: false);
            json.WriteBase64String("sig", signature);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] SignEnvelope(CommandDraft draft, ECDsa privateKey)
    {
        var command = CommandBytes(draft);
        return Envelope(command, Sign(command, privateKey));
    }
}
