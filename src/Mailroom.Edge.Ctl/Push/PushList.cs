using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Ctl.Push;

/// <summary>
/// The credential list being pushed: the CSV read by the agent's own importer (<see cref="CredentialCsv"/>, so a file
/// mailroomctl accepts is one <c>mailroom-edge credentials import</c> accepts), sorted in key order (the order the
/// agent hashes as it stores), with its count and the content hash the agent must arrive at (<see cref="CredentialHash"/>).
/// </summary>
internal sealed class PushList
{
    private PushList(IReadOnlyList<EnrolledCredential> keyOrdered)
    {
        Credentials = keyOrdered;
        Hash = CredentialHash.Of(keyOrdered);
    }

    /// <summary>The credentials in <see cref="CredentialKeyOrder"/>.</summary>
    public IReadOnlyList<EnrolledCredential> Credentials { get; }

    public int Count => Credentials.Count;

    public string Hash { get; }

    /// <summary>Reads a credential CSV.</summary>
    /// <exception cref="CredentialImportException">Bad rows; <see cref="CredentialImportException.Errors"/> names each line.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PushList Load(string path)
    {
        using var reader = new StreamReader(path);
        return Of(CredentialCsv.ParseNumbered(reader).Select(row => row.Credential));
    }

    /// <summary>A list from credentials in any order (each key once).</summary>
    public static PushList Of(IEnumerable<EnrolledCredential> credentials)
    {
        var sorted = credentials.ToArray();
        Array.Sort(sorted, CredentialKeyOrder.Instance);
        return new PushList(sorted);
    }
}
