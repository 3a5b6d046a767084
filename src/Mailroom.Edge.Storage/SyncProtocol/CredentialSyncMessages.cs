using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

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
                    Array(root, "credentials")),
                "delta" => new CredentialDelta(
                    Integer(root, "from_version"),
                    Version(root, "version"),
                    Integer(root, "count"),
                    Hash(root),
                    Optional(root, "upsert") ? Credentials(Array(root, "upsert"), "upsert") : [],
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

    /// <summary>Rows as objects: a delta's <c>upsert</c> (few), or a chunk's for a test to look at.</summary>
    /// <exception cref="CredentialSyncException">A row is malformed.</exception>
    internal static List<EnrolledCredential> Credentials(JsonElement array, string name)
    {
        var list = new List<EnrolledCredential>(array.GetArrayLength());
        var scratch = new CredentialRowText();
        var i = 0;
        foreach (var item in array.EnumerateArray())
            list.Add(ReadRow(item, name, i++, scratch).ToCredential());
        return list;
    }

    /// <summary>Checks one credential object of <paramref name="array"/>[<paramref name="index"/>]; its text is left in
    /// <paramref name="scratch"/>, valid until the next row is read with it.</summary>
    /// <exception cref="CredentialSyncException">The row is malformed; the message says which and why.</exception>
    internal static CredentialFields ReadRow(JsonElement item, string array, int index, CredentialRowText scratch)
    {
        // A snapshot has millions of rows: the position is only spelled out when there is an error to report.
        var where = new Where(array, index);
        if (item.ValueKind != JsonValueKind.Object)
            throw Bad($"{where} is not an object");
        scratch.Reset();
        var (facility, number) = Key(item, where, scratch, out var format);
        var from = OptionalTime(item, "valid_from", where, scratch);
        var until = OptionalTime(item, "valid_until", where, scratch);
        if (from is not null && until is not null && until <= from)
            throw Bad($"{where}: valid_until is not after valid_from");
        var pin = OptionalText(item, "pin_hash", where, scratch);
        var duress = OptionalText(item, "duress_pin_hash", where, scratch);
        if (!IsPinHash(pin) || !IsPinHash(duress))
            throw Bad($"{where}: pin_hash and duress_pin_hash must be pbkdf2-sha256$… hashes, never PINs");
        var pinIndex = PinIndexColumn.Normalise(OptionalText(item, "pin_index", where, scratch), "pin_index", !pin.IsEmpty, out var pinProblem);
        var duressIndex = PinIndexColumn.Normalise(OptionalText(item, "duress_pin_index", where, scratch), "duress_pin_index", !duress.IsEmpty, out var duressProblem);
        if ((pinProblem ?? duressProblem) is { } problem)
            throw Bad($"{where}: {problem}");
        var category = OptionalText(item, "category", where, scratch);
        if (!category.IsEmpty && CredentialCategory.Problem(category) is { } categoryProblem)
            throw Bad($"{where}: {categoryProblem}");
        return new CredentialFields
        {
            Format = format,
            Facility = facility,
            Number = number,
            Holder = OptionalText(item, "holder", where, scratch),
            Enabled = OptionalBool(item, "enabled", where) ?? true,
            ValidFrom = from,
            ValidUntil = until,
            Responder = OptionalBool(item, "responder", where) ?? false,
            Groups = GroupList(OptionalText(item, "access_groups", where, scratch)),
            PinHash = pin,
            DuressPinHash = duress,
            ExtendedGrant = OptionalBool(item, "extended_grant", where) ?? false,
            LockdownKey = OptionalBool(item, "lockdown_key", where) ?? false,
            PinIndex = pinIndex,
            DuressPinIndex = duressIndex,
            Category = category,
            MaxUses = OptionalMaxUses(item, where),
            Schedule = OptionalText(item, "schedule", where, scratch).Trim(),
        };
    }

    private static List<CardCredential> Keys(JsonElement root, string name)
    {
        var array = Array(root, name);
        var list = new List<CardCredential>(array.GetArrayLength());
        var scratch = new CredentialRowText();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            scratch.Reset();
            var (facility, number) = Key(item, new Where(name, i++), scratch, out var format);
            list.Add(new CardCredential(format.ToString(), facility, number));
        }
        return list;
    }

    private static bool IsPinHash(ReadOnlySpan<char> hash) => hash.IsEmpty || PinHash.HasScheme(hash);

    /// <summary>The row's primary key; the format is returned as <paramref name="format"/>, in <paramref name="scratch"/>.</summary>
    private static (uint? Facility, ulong Number) Key(JsonElement item, Where where, CredentialRowText scratch, out Span<char> format)
    {
        format = OptionalText(item, "format", where, scratch);
        if (format.IsEmpty)
            throw Bad($"{where}: format is missing");
        uint? facility = null;
        if (item.TryGetProperty("facility", out var f) && f.ValueKind != JsonValueKind.Null)
            facility = f.ValueKind == JsonValueKind.Number && f.TryGetUInt32(out var value) ? value : throw Bad($"{where}: facility is not a whole number 0..4294967295 or null");
        if (!item.TryGetProperty("number", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetUInt64(out var number))
            throw Bad($"{where}: number is missing or not a whole number 0..18446744073709551615");
        return (facility, number);
    }

    /// <summary>A text field, decoded into <paramref name="scratch"/>; empty when absent, null or "".</summary>
    private static Span<char> OptionalText(JsonElement item, string name, Where where, CredentialRowText scratch)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return [];
        if (value.ValueKind != JsonValueKind.String)
            throw Bad($"{where}: {name} is not a string");
        // The hash line separates fields by TAB and rows by LF, so no control character may appear in a field.
        if (!scratch.TryDecode(value, MaxText, out var text) || HasControl(text))
            throw Bad($"{where}: {name} is longer than {MaxText} characters or contains a control character");
        return text;
    }

    // char.IsControl's two ranges.
    private static bool HasControl(ReadOnlySpan<char> text) =>
        text.ContainsAnyInRange('\u0000', '\u001f') || text.ContainsAnyInRange('\u007f', '\u009f');

    /// <summary>Access groups as <c>a;b</c>: each name trimmed, empty ones dropped, rewritten in place.</summary>
    private static Span<char> GroupList(Span<char> text)
    {
        var length = 0;
        foreach (var range in ((ReadOnlySpan<char>)text).Split(';'))
        {
            var group = text[range].Trim();
            if (group.IsEmpty)
                continue;
            if (length > 0)
                text[length++] = ';';
            // Never overtakes the reading: what is written is never longer than what has been read.
            group.CopyTo(text[length..]);
            length += group.Length;
        }
        return text[..length];
    }

    /// <summary><c>max_uses</c>: a whole number of at least 1 (a pass that may never be used is <c>enabled: false</c>), or absent/null.</summary>
    private static int? OptionalMaxUses(JsonElement item, Where where)
    {
        if (!item.TryGetProperty("max_uses", out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var uses) && uses >= 1
            ? uses
            : throw Bad($"{where}: max_uses is not a whole number 1..{int.MaxValue} or null");
    }

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

    private static DateTimeOffset? OptionalTime(JsonElement item, string name, Where where, CredentialRowText scratch)
    {
        var text = OptionalText(item, name, where, scratch);
        if (text.IsEmpty)
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
}
