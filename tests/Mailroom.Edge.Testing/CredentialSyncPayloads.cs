using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Testing;

/// <summary>
/// The central server's side of credential sync, for tests and benchmarks: snapshot chunks and deltas as docs/mqtt.md
/// defines them, and the content hash computed independently of the agent (in memory, sorted here), so a test checks
/// the agent against the documented definition rather than against itself.
/// </summary>
public static class CredentialSyncPayloads
{
    public static IReadOnlyList<byte[]> Snapshot(long version, IReadOnlyList<EnrolledCredential> credentials, int chunkSize, long? count = null, string? hash = null, bool keyOrdered = false)
    {
        count ??= credentials.Count;
        hash ??= Hash(credentials, keyOrdered);
        var chunks = Math.Max(1, (credentials.Count + chunkSize - 1) / chunkSize);
        var payloads = new List<byte[]>(chunks);
        for (var i = 0; i < chunks; i++)
        {
            payloads.Add(Write(json =>
            {
                json.WriteString("type", "snapshot");
                json.WriteNumber("version", version);
                json.WriteNumber("chunk", i);
                json.WriteNumber("chunks", chunks);
                json.WriteNumber("count", count.Value);
                json.WriteString("hash", hash);
                WriteCredentials(json, "credentials", credentials.Skip(i * chunkSize).Take(chunkSize));
            }));
        }
        return payloads;
    }

    public static byte[] Delta(long fromVersion, long version, IReadOnlyList<EnrolledCredential> resulting, IEnumerable<EnrolledCredential> upsert, IEnumerable<EnrolledCredential> remove) =>
        Write(json =>
        {
            json.WriteString("type", "delta");
            json.WriteNumber("from_version", fromVersion);
            json.WriteNumber("version", version);
            json.WriteNumber("count", resulting.Count);
            json.WriteString("hash", Hash(resulting));
            WriteCredentials(json, "upsert", upsert);
            json.WriteStartArray("remove");
            foreach (var c in remove)
            {
                json.WriteStartObject();
                WriteKey(json, c);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });

    /// <summary>The documented content hash, computed from the rows in memory; <paramref name="keyOrdered"/> skips the
    /// sort for lists already in key order (large benchmark lists).</summary>
    public static string Hash(IEnumerable<EnrolledCredential> credentials, bool keyOrdered = false)
    {
        var sorted = keyOrdered ? credentials : credentials
            .OrderBy(c => Encoding.UTF8.GetBytes(c.Format), ByteOrder.Instance)
            .ThenBy(c => c.Facility is { } f ? (long)f : -1)
            .ThenBy(c => unchecked((long)c.Number));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var c in sorted)
        {
            var line = string.Join('\t',
                c.Format,
                c.Facility?.ToString(CultureInfo.InvariantCulture) ?? "",
                c.Number.ToString(CultureInfo.InvariantCulture),
                c.Holder ?? "",
                c.Enabled ? "1" : "0",
                Time(c.ValidFrom),
                Time(c.ValidUntil),
                c.Responder ? "1" : "0",
                string.Join(';', c.Groups),
                c.PinHash ?? "",
                c.DuressPinHash ?? "",
                c.ExtendedGrant ? "1" : "0",
                c.LockdownKey ? "1" : "0",
                c.PinIndex ?? "",
                c.DuressPinIndex ?? "",
                c.Category ?? "",
                c.MaxUses?.ToString(CultureInfo.InvariantCulture) ?? "",
                c.Schedule ?? "") + "\n";
            sha.AppendData(Encoding.UTF8.GetBytes(line));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Card i of a large test list: H10301, facility and number derived from i, in key order for ascending i.</summary>
    public static EnrolledCredential Card(int i, string holderPrefix = "holder") =>
        new("H10301", (uint)(i / 65536 + 1), (ulong)(i % 65536), $"{holderPrefix} {i}", true, null, null);

    /// <summary>Cards 0 … <paramref name="count"/>−1 of a large test list (<see cref="Card"/>), in key order.</summary>
    public static List<EnrolledCredential> Cards(int count, string holderPrefix = "holder") =>
        Enumerable.Range(0, count).Select(i => Card(i, holderPrefix)).ToList();

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : "";

    private static void WriteCredentials(Utf8JsonWriter json, string name, IEnumerable<EnrolledCredential> credentials)
    {
        json.WriteStartArray(name);
        foreach (var c in credentials)
        {
            json.WriteStartObject();
            WriteKey(json, c);
            if (c.Holder is not null)
                json.WriteString("holder", c.Holder);
            if (!c.Enabled)
                json.WriteBoolean("enabled", false);
            if (c.ValidFrom is { } from)
                json.WriteString("valid_from", Time(from));
            if (c.ValidUntil is { } until)
                json.WriteString("valid_until", Time(until));
            if (c.Responder)
                json.WriteBoolean("responder", true);
            if (c.Groups.Count > 0)
                json.WriteString("access_groups", string.Join(';', c.Groups));
            if (c.ExtendedGrant)
                json.WriteBoolean("extended_grant", true);
            if (c.LockdownKey)
                json.WriteBoolean("lockdown_key", true);
            if (c.MaxUses is { } maxUses)
                json.WriteNumber("max_uses", maxUses);
            foreach (var (field, value) in new[] { ("pin_hash", c.PinHash), ("duress_pin_hash", c.DuressPinHash), ("pin_index", c.PinIndex), ("duress_pin_index", c.DuressPinIndex), ("category", c.Category), ("schedule", c.Schedule) })
            {
                if (value is not null)
                    json.WriteString(field, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteKey(Utf8JsonWriter json, EnrolledCredential c)
    {
        json.WriteString("format", c.Format);
        if (c.Facility is { } facility)
            json.WriteNumber("facility", facility);
        json.WriteNumber("number", c.Number);
    }

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
