using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>One chunk (<see cref="Chunk"/> of <see cref="Chunks"/>, from 0) of a full snapshot; every chunk repeats
/// the snapshot's version, total count and hash.</summary>
public sealed record CredentialSnapshotChunk(
    long Version,
    int Chunk,
    int Chunks,
    long Count,
    string Hash,
    IReadOnlyList<EnrolledCredential> Credentials);
