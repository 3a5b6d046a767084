using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>One chunk (<see cref="Chunk"/> of <see cref="Chunks"/>, from 0) of a full snapshot; every chunk repeats
/// the snapshot's version, total count and hash.
/// <para>
/// Its rows stay in the parsed message and are checked as they are stored: the builder reads each straight into the
/// line it inserts (<see cref="ReadInto"/>), with no object or string per row. A whole chunk of rows alive at once
/// outlived the GC's youngest generation, and a row object each churned 400 MB per 2,000,000-row snapshot; every
/// collection is a pause the door decisions share. A bad row therefore shows while the chunk is stored (a
/// <see cref="CredentialSyncException"/> from the enumeration), not when it is parsed.
/// </para>
/// </summary>
public sealed class CredentialSnapshotChunk : IDisposable
{
    private const string RowsName = "credentials";

    private readonly JsonDocument _message;
    private readonly JsonElement _rows;

    internal CredentialSnapshotChunk(long version, int chunk, int chunks, long count, string hash, JsonDocument message, JsonElement rows)
    {
        Version = version;
        Chunk = chunk;
        Chunks = chunks;
        Count = count;
        Hash = hash;
        _message = message;
        _rows = rows;
    }

    public long Version { get; }

    public int Chunk { get; }

    public int Chunks { get; }

    public long Count { get; }

    public string Hash { get; }

    /// <summary>The chunk's rows as objects (before <see cref="Dispose"/>); the store does not use this.</summary>
    /// <exception cref="CredentialSyncException">A row is malformed.</exception>
    public IReadOnlyList<EnrolledCredential> Credentials => CredentialSyncMessages.Credentials(_rows, RowsName);

    /// <summary>Writes each row in turn into <paramref name="line"/> and yields it (the same line every time).</summary>
    /// <exception cref="CredentialSyncException">A row is malformed (from the enumeration).</exception>
    internal IEnumerable<CredentialLine> ReadInto(CredentialLine line)
    {
        var scratch = new CredentialRowText();
        var i = 0;
        foreach (var item in _rows.EnumerateArray())
        {
            line.Write(CredentialSyncMessages.ReadRow(item, RowsName, i++, scratch));
            yield return line;
        }
    }

    /// <summary>Returns the parsed message's pooled memory.</summary>
    public void Dispose() => _message.Dispose();
}
