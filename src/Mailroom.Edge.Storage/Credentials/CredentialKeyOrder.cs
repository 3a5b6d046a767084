using System.Text;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// The content hash's order of credentials (docs/mqtt.md, "The list's identity"), which is also the store's primary key
/// order: the format as UTF-8 bytes, then the facility with none as -1, then the number as a signed 64-bit integer.
/// A sender that sorts by it sends a snapshot the agent hashes as it stores.
/// </summary>
public sealed class CredentialKeyOrder : IComparer<EnrolledCredential>
{
    /// <summary>The one instance (the order has no settings).</summary>
    public static readonly CredentialKeyOrder Instance = new();

    private CredentialKeyOrder() { }

    /// <inheritdoc/>
    public int Compare(EnrolledCredential? x, EnrolledCredential? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null || y is null)
            return x is null ? -1 : 1;
        // Ordinal comparison of UTF-16 differs from UTF-8 byte order only beyond the BMP; compare the bytes, as SQLite does.
        var format = CompareUtf8(x.Format, y.Format);
        if (format != 0)
            return format;
        var facility = CredentialRows.Facility(x.Facility).CompareTo(CredentialRows.Facility(y.Facility));
        return facility != 0 ? facility : CredentialRows.Number(x.Number).CompareTo(CredentialRows.Number(y.Number));
    }

    private static int CompareUtf8(string x, string y)
    {
        if (string.Equals(x, y, StringComparison.Ordinal))
            return 0;
        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
