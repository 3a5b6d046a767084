using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Storage.Credentials;

namespace Mailroom.Edge.Storage.SyncProtocol;

/// <summary>
/// The delta between two lists (docs/mqtt.md, "Delta"): a credential is upserted when it is new or when its line of
/// the content hash (<see cref="CredentialLine"/>, every column) differs, and removed when it is gone. Comparing the
/// hash lines means a column added to credentials is compared without a change here.
/// </summary>
public static class CredentialDeltaBuilder
{
    /// <summary>The delta from <paramref name="from"/> (the device's list, version <paramref name="fromVersion"/>) to
    /// <paramref name="to"/> (version <paramref name="fromVersion"/> + 1, whose hash is <paramref name="toHash"/>).</summary>
    /// <param name="fromVersion">The version the device holds.</param>
    /// <param name="from">The old list in <see cref="CredentialKeyOrder"/>.</param>
    /// <param name="to">The new list in <see cref="CredentialKeyOrder"/>.</param>
    /// <param name="toHash">The new list's content hash (<see cref="CredentialHash.Of"/>).</param>
    public static CredentialDelta Between(long fromVersion, IReadOnlyList<EnrolledCredential> from, IReadOnlyList<EnrolledCredential> to, string toHash)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var upsert = new List<EnrolledCredential>();
        var remove = new List<CardCredential>();
        var (oldLine, newLine) = (new CredentialLine(), new CredentialLine());
        int i = 0, j = 0;
        while (i < from.Count || j < to.Count)
        {
            var order = i == from.Count ? 1 : j == to.Count ? -1 : CredentialKeyOrder.Instance.Compare(from[i], to[j]);
            if (order < 0)
            {
                remove.Add(CredentialSyncWriter.Key(from[i++]));
                continue;
            }
            if (order > 0)
            {
                upsert.Add(to[j++]);
                continue;
            }
            oldLine.Write(from[i++]);
            newLine.Write(to[j]);
            if (!oldLine.Line.SequenceEqual(newLine.Line))
                upsert.Add(to[j]);
            j++;
        }
        return new CredentialDelta(fromVersion, fromVersion + 1, to.Count, toHash, upsert, remove);
    }
}
