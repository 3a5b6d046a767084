using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Reads a command envelope, <c>{"command":{…},"sig":"…"}</c>, without trusting it: the size is checked before any
/// parsing, depth is bounded, every field must be present with its type, unknown and duplicate fields are refused, and
/// no exception escapes (docs/mqtt.md, "Command envelope"). The bytes of the <c>command</c> object are kept exactly as
/// received: they, not a re-serialisation, are what the signature covers.
/// </summary>
public static partial class CommandEnvelopeParser
{
    /// <summary>Envelope (1) → command (2) → args (3); anything deeper is not a v1 command.</summary>
    public const int MaxDepth = 4;

    public const int SignatureLength = 64;

    private static readonly string[] CommandFields = ["v", "id", "name", "site", "device", "issuer", "counter", "issued_at", "expires_at", "args"];

    public static CommandParseResult Parse(ReadOnlyMemory<byte> payload, int maxBytes)
    {
        if (payload.Length > maxBytes)
            return CommandParseResult.Fail(CommandReason.TooLarge, $"payload is {payload.Length} bytes; the limit is {maxBytes}");
        try
        {
            return ParseEnvelope(payload);
        }
        catch (JsonException e)
        {
            return CommandParseResult.Fail(CommandReason.Malformed, Shorten($"not a JSON command envelope: {e.Message}"));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            // JsonElement getters throw InvalidOperationException on a wrong kind; reaching here is a parser gap, not a crash.
            return CommandParseResult.Fail(CommandReason.Malformed, Shorten(e.Message));
        }
    }

    private static CommandParseResult ParseEnvelope(ReadOnlyMemory<byte> payload)
    {
        var reader = new Utf8JsonReader(payload.Span, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return CommandParseResult.Fail(CommandReason.Malformed, "the envelope must be a JSON object");
        int start = -1, length = 0;
        string? signature = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "command" when start < 0 && reader.TokenType == JsonTokenType.StartObject:
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    length = (int)reader.BytesConsumed - start;
                    break;
                case "sig" when signature is null && reader.TokenType == JsonTokenType.String:
                    signature = reader.GetString()!;
                    break;
                case "command" or "sig":
                    return CommandParseResult.Fail(CommandReason.Malformed, $"envelope field '{field}' is repeated or of the wrong type");
                default:
                    return CommandParseResult.Fail(CommandReason.Malformed, Shorten($"unknown envelope field '{field}'"));
            }
        }
        if (reader.Read())
            return CommandParseResult.Fail(CommandReason.Malformed, "data after the envelope");
        if (start < 0)
            return CommandParseResult.Fail(CommandReason.Malformed, "the envelope has no 'command' object");

        var signed = payload.Slice(start, length);
        using var document = JsonDocument.Parse(signed, new JsonDocumentOptions { MaxDepth = MaxDepth });
        var command = document.RootElement;
        var id = command.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String && Identifier().IsMatch(idElement.GetString()!)
            ? idElement.GetString()
            : null;
        var name = command.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String && CommandNames.All.Contains(nameElement.GetString())
            ? nameElement.GetString()
            : null;
        CommandParseResult Fail(CommandReason reason, string detail) => CommandParseResult.Fail(reason, Shorten(detail), id, name);

        if (JsonFields.Check(command, CommandFields, CommandFields) is { } shapeProblem)
            return Fail(CommandReason.Malformed, $"command: {shapeProblem}");
        if (command.GetProperty("v") is not { ValueKind: JsonValueKind.Number } v || !v.TryGetInt32(out var version) || version != 1)
            return Fail(CommandReason.UnsupportedVersion, "command.v must be 1");
        if (id is null)
            return Fail(CommandReason.Malformed, "command.id must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_'");
        if (command.GetProperty("name").ValueKind != JsonValueKind.String)
            return Fail(CommandReason.Malformed, "command.name must be a string");
        if (name is null)
            return Fail(CommandReason.UnknownCommand, $"command.name must be one of {string.Join(", ", CommandNames.All)}");
        if (!TryIdentifier(command, "site", out var site) || !TryIdentifier(command, "device", out var device) || !TryIdentifier(command, "issuer", out var issuer))
            return Fail(CommandReason.Malformed, "command.site, device and issuer must be 1-64 characters of a-z, A-Z, 0-9, '-' or '_'");
        if (command.GetProperty("counter") is not { ValueKind: JsonValueKind.Number } c || !c.TryGetInt64(out var counter) || counter is < 1 or > JsonFields.MaxSafeInteger)
            return Fail(CommandReason.Malformed, "command.counter must be an integer 1..2^53-1");
        if (!TryTimestamp(command, "issued_at", out var issuedAt) || !TryTimestamp(command, "expires_at", out var expiresAt))
            return Fail(CommandReason.Malformed, "command.issued_at and expires_at must be RFC 3339 UTC timestamps ending in Z");
        if (command.GetProperty("args").ValueKind != JsonValueKind.Object)
            return Fail(CommandReason.Malformed, "command.args must be an object");
        var arguments = CommandArgumentsParser.Parse(name, command.GetProperty("args"), out var argumentProblem);
        if (arguments is null)
            return Fail(CommandReason.InvalidArguments, $"command.args: {argumentProblem}");
        if (signature is null)
            return Fail(CommandReason.BadSignature, "the envelope has no 'sig'");
        var signatureBytes = new byte[SignatureLength];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var written) || written != SignatureLength)
            return Fail(CommandReason.BadSignature, $"sig must be the base64 of a {SignatureLength}-byte P1363 ECDSA P-256 signature");

        return CommandParseResult.Ok(new SignedCommand(id, name, site, device, issuer, counter, issuedAt, expiresAt, arguments, signed, signatureBytes));
    }

    private static bool TryIdentifier(JsonElement command, string field, out string value)
    {
        var element = command.GetProperty(field);
        value = element.ValueKind == JsonValueKind.String ? element.GetString()! : "";
        return Identifier().IsMatch(value);
    }

    private static bool TryTimestamp(JsonElement command, string field, out DateTimeOffset value)
    {
        value = default;
        var element = command.GetProperty(field);
        return element.ValueKind == JsonValueKind.String
            && element.GetString() is { Length: <= 40 } text
            && text.EndsWith('Z')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    public static bool IsIdentifier(string value) => Identifier().IsMatch(value);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    /// <summary>Names that are safe in topics and logs; the same rule as site and device names.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    internal static partial Regex Identifier();
}
