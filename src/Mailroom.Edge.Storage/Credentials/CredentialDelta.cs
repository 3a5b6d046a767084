using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>A change from list <see cref="FromVersion"/> to <see cref="Version"/>, with the count and hash the list
/// must have afterwards. <c>Version == FromVersion</c> with no changes confirms that the live list is still current.</summary>
public sealed record CredentialDelta(
    long FromVersion,
    long Version,
    long Count,
    string Hash,
    IReadOnlyList<EnrolledCredential> Upsert,
    IReadOnlyList<CardCredential> Remove);
