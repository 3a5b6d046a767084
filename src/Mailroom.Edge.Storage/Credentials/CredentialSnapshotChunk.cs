using System.Text.Json;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>One chunk (<see cref="Chunk"/> of <see cref="Chunks"/>, from 0) of a full snapshot; every chunk repeats
/// the snapshot's version, total count and hash.
/// <para>
/// Its rows are read from the parsed message one at a time as <see cref="Credentials"/> is enumerated, so that a row
/// is garbage as soon as it is stored: a whole chunk of rows alive at once outlived the GC's youngest generation and
/// made every collection during a sync copy them, a pause the door decisions share. A bad row therefore shows while
/// the chunk is stored (a <see cref="CredentialSyncException"/> from the enumeration), not when it is parsed.
/// </para>
/// </summary>
public sealed class CredentialSnapshotChunk : IDisposable
{
    private readonly JsonDocument _message;

    internal CredentialSnapshotChunk(long version, int chunk, int chunks, long count, string hash, JsonDocument message, IEnumerable<EnrolledCredential> credentials)
    {
        Version = version;
        Chunk = chunk;
        Chunks = chunks;
        Count = count;
        Hash = hash;
        _message = message;
        Credentials = credentials;
    }

    public long Version { get; }

    public int Chunk { get; }

    public int Chunks { get; }

    public long Count { get; }

    public string Hash { get; }

    /// <summary>The chunk's rows, read from the message as they are enumerated (once, before <see cref="Dispose"/>).</summary>
    /// <exception cref="CredentialSyncException">A row is malformed (from the enumeration).</exception>
    public IEnumerable<EnrolledCredential> Credentials { get; }

    /// <summary>Returns the parsed message's pooled memory.</summary>
    public void Dispose() => _message.Dispose();
}
