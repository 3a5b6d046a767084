using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Reads the credential sync messages of docs/mqtt.md ("Credential sync"): a JSON object whose <c>type</c> is
/// <c>snapshot</c> (one chunk of a full list) or <c>delta</c>. Credentials are objects with the CSV's column names;
/// absent optional fields take their defaults, unknown fields are ignored.
/// </summary>
public static class CredentialSyncMessages
{
    /// <summary>Longest format name and holder accepted (they are stored, logged and published).</summary>
    private const int MaxText = 256;

    /// <returns>A <see cref="CredentialSnapshotChunk"/> (which the caller disposes; its rows are checked as they are
    /// read) or a <see cref="CredentialDelta"/>.</returns>
    /// <exception cref="CredentialSyncException">The message is not valid JSON of either kind; the message says where.</exception>
    public static object Parse(ReadOnlyMemory<byte> payload)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad("the message is not a JSON object");
            object message = Text(root, "type") switch
            {
                "snapshot" => new CredentialSnapshotChunk(
                    Version(root, "version"),
                    checked((int)Integer(root, "chunk")),
                    checked((int)Integer(root, "chunks")),
                    Integer(root, "count"),
                    Hash(root),
                    document,
                    Credentials(Array(root, "credentials"), "credentials")),
                "delta" => new CredentialDelta(
                    Integer(root, "from_version"),
                    Version(root, "version"),
                    Integer(root, "count"),
                    Hash(root),
                    Optional(root, "upsert") ? [.. Credentials(Array(root, "upsert"), "upsert")] : [],
                    Optional(root, "remove") ? Keys(root, "remove") : []),
                var other => throw Bad($"type '{other}' is neither 'snapshot' nor 'delta'"),
            };
            Check(message);
            if (message is CredentialSnapshotChunk)
                document = null; // the chunk reads its rows from it, and disposes it
            return message;
        }
        catch (JsonException e)
        {
            throw Bad($"the message is not valid JSON: {e.Message}");
        }
        catch (OverflowException)
        {
            throw Bad("a number is out of range");
        }
        finally
        {
            document?.Dispose();
        }
    }

    private static void Check(object message)
    {
        switch (message)
        {
            case CredentialSnapshotChunk s when s.Chunks < 1 || s.Chunk < 0 || s.Chunk >= s.Chunks:
                throw Bad($"chunk {s.Chunk} of {s.Chunks} is not a valid chunk index");
            case CredentialDelta d when d.Version != d.FromVersion + 1 && !(d.Version == d.FromVersion && d.Upsert.Count == 0 && d.Remove.Count == 0):
                throw Bad($"a delta goes from version N to N+1 (or confirms N with no changes), not {d.FromVersion} to {d.Version}");
        }
    }

    private static IEnumerable<EnrolledCredential> Credentials(JsonElement array, string name)
    {
        var formats = new FormatNames();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            // A snapshot has millions of rows: the position is only spelled out when there is an error to report.
            var where = new Where(name, i++);
            if (item.ValueKind != JsonValueKind.Object)
                throw Bad($"{where} is not an object");
            var (format, facility, number) = Key(item, where, formats);
            var holder = OptionalText(item, "holder", where);
            var enabled = OptionalBool(item, "enabled", where) ?? true;
            var from = OptionalTime(item, "valid_from", where);
            var until = OptionalTime(item, "valid_until", where);
            if (from is not null && until is not null && until <= from)
                throw Bad($"{where}: valid_until is not after valid_from");
            var pin = OptionalText(item, "pin_hash", where);
            var duress = OptionalText(item, "duress_pin_hash", where);
            if (!IsPinHash(pin) || !IsPinHash(duress))
                throw Bad($"{where}: pin_hash and duress_pin_hash must be pbkdf2-sha256$… hashes, never PINs");
            var pinIndex = PinIndexColumn.Parse(OptionalText(item, "pin_index", where), "pin_index", pin, out var pinProblem);
            var duressIndex = PinIndexColumn.Parse(OptionalText(item, "duress_pin_index", where), "duress_pin_index", duress, out var duressProblem);
            if ((pinProblem ?? duressProblem) is { } problem)
                throw Bad($"{where}: {problem}");
            yield return new EnrolledCredential(format, facility, number, holder, enabled, from, until)
            {
                Responder = OptionalBool(item, "responder", where) ?? false,
                Groups = OptionalText(item, "access_groups", where)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                PinHash = pin,
                DuressPinHash = duress,
                ExtendedGrant = OptionalBool(item, "extended_grant", where) ?? false,
                LockdownKey = OptionalBool(item, "lockdown_key", where) ?? false,
                PinIndex = pinIndex,
                DuressPinIndex = duressIndex,
            };
        }
    }

    private static List<CardCredential> Keys(JsonElement root, string name)
    {
        var array = Array(root, name);
        var list = new List<CardCredential>(array.GetArrayLength());
        var formats = new FormatNames();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var (format, facility, number) = Key(item, new Where(name, i++), formats);
            list.Add(new CardCredential(format, facility, number));
        }
        return list;
    }

    private static bool IsPinHash(string? hash) => hash is null || hash.StartsWith("pbkdf2-sha256$", StringComparison.Ordinal);

    private static (string Format, uint? Facility, ulong Number) Key(JsonElement item, Where where, FormatNames formats)
    {
        var format = (item.TryGetProperty("format", out var f0) && f0.ValueKind == JsonValueKind.String ? formats.Reuse(f0) : null)
            ?? (OptionalText(item, "format", where) is { } read ? formats.Remember(read) : throw Bad($"{where}: format is missing"));
        uint? facility = null;
        if (item.TryGetProperty("facility", out var f) && f.ValueKind != JsonValueKind.Null)
            facility = f.ValueKind == JsonValueKind.Number && f.TryGetUInt32(out var value) ? value : throw Bad($"{where}: facility is not a whole number 0..4294967295 or null");
        if (!item.TryGetProperty("number", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetUInt64(out var number))
            throw Bad($"{where}: number is missing or not a whole number 0..18446744073709551615");
        return (format, facility, number);
    }

    private static string? OptionalText(JsonElement item, string name, Where where)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Bad($"{where}: {name} is not a string");
        var text = value.GetString()!;
        // The hash line separates fields by TAB and rows by LF, so no control character may appear in a field.
        if (text.Length > MaxText || HasControl(text))
            throw Bad($"{where}: {name} is longer than {MaxText} characters or contains a control character");
        return text.Length == 0 ? null : text;
    }

    // char.IsControl's two ranges, without an enumerator per field.
    private static bool HasControl(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001f') || text.AsSpan().ContainsAnyInRange('\u007f', '\u009f');

    private static bool? OptionalBool(JsonElement item, string name, Where where)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Bad($"{where}: {name} is not true or false"),
        };
    }

    private static DateTimeOffset? OptionalTime(JsonElement item, string name, Where where)
    {
        if (OptionalText(item, name, where) is not { } text)
            return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw Bad($"{where}: {name} '{text}' is not an RFC 3339 time");
    }

    private static bool Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    private static JsonElement Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : throw Bad($"{name} is missing or not an array");

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Bad($"{name} is missing or not a string");

    private static long Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0
            ? n
            : throw Bad($"{name} is missing or not a whole number >= 0");

    private static long Version(JsonElement root, string name) =>
        Integer(root, name) is var version and > 0 ? version : throw Bad($"{name} must be at least 1 (0 is the agent's own, unsynced list)");

    private static string Hash(JsonElement root)
    {
        var hash = Text(root, "hash");
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : throw Bad("hash is not 64 hex digits (SHA-256)");
    }

    private static CredentialSyncException Bad(string problem) => new($"malformed sync message: {problem}", requestSnapshot: false);

    /// <summary>Where a row is in its message (<c>credentials[12]</c>), formatted only for an error.</summary>
    private readonly record struct Where(string Array, int Index)
    {
        public override string ToString() => $"{Array}[{Index}]";
    }

    /// <summary>The format names of one message: a snapshot repeats a handful of them, so each is one string, not one
    /// per row. Names are checked the normal way the first time they are seen.</summary>
    private sealed class FormatNames
    {
        private readonly List<string> _seen = new(4);

        public string? Reuse(JsonElement value)
        {
            foreach (var name in _seen)
            {
                if (value.ValueEquals(name))
                    return name;
            }
            return null;
        }

        public string Remember(string name)
        {
            if (_seen.Count < 16)
                _seen.Add(name);
            return name;
        }
    }
}
