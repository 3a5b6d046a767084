using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// Writes the credential sync messages <see cref="CredentialSyncMessages"/> reads (docs/mqtt.md, "Credential sync"):
/// snapshot chunks and deltas. The one place a credential becomes sync JSON — mailroomctl and the tests' server both
/// write through it — so a field added to credentials is added here, beside the parser, once.
/// </summary>
public static class CredentialSyncWriter
{
    // Plain UTF-8 for names like "Zoë": the agent reads unescaped text without a copy (docs/mqtt.md, "Credentials").
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One chunk of a full snapshot; every chunk repeats the header (version, chunk count, count, hash).</summary>
    public static byte[] SnapshotChunk(long version, int chunk, int chunks, long count, string hash, IEnumerable<EnrolledCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Message(json =>
        {
            json.WriteString("type", "snapshot");
            json.WriteNumber("version", version);
            json.WriteNumber("chunk", chunk);
            json.WriteNumber("chunks", chunks);
            json.WriteNumber("count", count);
            json.WriteString("hash", hash);
            json.WriteStartArray("credentials");
            foreach (var credential in credentials)
                WriteCredential(json, credential);
            json.WriteEndArray();
        });
    }

    /// <summary>A delta message: its upserts as whole credentials, its removals as keys.</summary>
    public static byte[] Delta(CredentialDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        return Message(json =>
        {
            json.WriteString("type", "delta");
            json.WriteNumber("from_version", delta.FromVersion);
            json.WriteNumber("version", delta.Version);
            json.WriteNumber("count", delta.Count);
            json.WriteString("hash", delta.Hash);
            json.WriteStartArray("upsert");
            foreach (var credential in delta.Upsert)
                WriteCredential(json, credential);
            json.WriteEndArray();
            json.WriteStartArray("remove");
            foreach (var key in delta.Remove)
            {
                json.WriteStartObject();
                WriteKey(json, key.Format, key.Facility, key.Number);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>One credential as an object with the CSV's column names; fields at their default are left out.</summary>
    public static void WriteCredential(Utf8JsonWriter json, EnrolledCredential c)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(c);
        json.WriteStartObject();
        WriteKey(json, c.Format, c.Facility, c.Number);
        WriteText(json, "holder", c.Holder);
        if (!c.Enabled)
            json.WriteBoolean("enabled", false);
        if (c.ValidFrom is { } from)
            json.WriteString("valid_from", WireNames.Timestamp(from));
        if (c.ValidUntil is { } until)
            json.WriteString("valid_until", WireNames.Timestamp(until));
        if (c.Responder)
            json.WriteBoolean("responder", true);
        if (c.Groups.Count > 0)
            json.WriteString("access_groups", string.Join(';', c.Groups));
        WriteText(json, "pin_hash", c.PinHash);
        WriteText(json, "duress_pin_hash", c.DuressPinHash);
        if (c.ExtendedGrant)
            json.WriteBoolean("extended_grant", true);
        if (c.LockdownKey)
            json.WriteBoolean("lockdown_key", true);
        WriteText(json, "pin_index", c.PinIndex);
        WriteText(json, "duress_pin_index", c.DuressPinIndex);
        WriteText(json, "category", c.Category);
        if (c.MaxUses is { } maxUses)
            json.WriteNumber("max_uses", maxUses);
        WriteText(json, "schedule", c.Schedule);
        json.WriteEndObject();
    }

    /// <summary>The key of <paramref name="c"/>, as a delta's <c>remove</c> names it.</summary>
    public static CardCredential Key(EnrolledCredential c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new CardCredential(c.Format, c.Facility, c.Number);
    }

    private static void WriteKey(Utf8JsonWriter json, string format, uint? facility, ulong number)
    {
        json.WriteString("format", format);
        if (facility is { } f)
            json.WriteNumber("facility", f);
        json.WriteNumber("number", number);
    }

    private static void WriteText(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    private static byte[] Message(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
