using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;

namespace Mailroom.Edge.Testing;

/// <summary>
/// The central server's side of credential sync, for tests and benchmarks: snapshot chunks and deltas written by the
/// one sync writer (<see cref="CredentialSyncWriter"/>, which mailroomctl uses too), and the content hash computed
/// independently of the agent (in memory, sorted here), so a test checks the agent against the documented definition
/// rather than against itself.
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
            payloads.Add(CredentialSyncWriter.SnapshotChunk(version, i, chunks, count.Value, hash, credentials.Skip(i * chunkSize).Take(chunkSize)));
        return payloads;
    }

    public static byte[] Delta(long fromVersion, long version, IReadOnlyList<EnrolledCredential> resulting, IEnumerable<EnrolledCredential> upsert, IEnumerable<EnrolledCredential> remove) =>
        CredentialSyncWriter.Delta(new CredentialDelta(fromVersion, version, resulting.Count, Hash(resulting), [.. upsert], [.. remove.Select(CredentialSyncWriter.Key)]));

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

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
