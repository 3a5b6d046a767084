using System.Text;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Storage.Credentials;

/// <summary>
/// Checks a <c>pin_index</c> or <c>duress_pin_index</c> as it arrives (CSV or sync message): 64 hex digits, stored in
/// lower case so that the lookup and the content hash see one spelling, and only beside the PIN hash it indexes (an
/// index without its hash could find a credential but never verify it).
/// </summary>
internal static class PinIndexColumn
{
    public static string? Parse(string? text, string name, string? hash, out string? problem)
    {
        if (text is null)
        {
            problem = null;
            return null;
        }
        var index = Normalise(text.ToCharArray(), name, hash is not null, out problem);
        return index.IsEmpty ? null : index.ToString();
    }

    /// <summary>The index trimmed and lower-cased in place; empty when there is none or it is refused (<paramref name="problem"/>).</summary>
    public static Span<char> Normalise(Span<char> text, string name, bool hasHash, out string? problem)
    {
        problem = null;
        text = text.Trim();
        if (text.IsEmpty)
            return text;
        if (!PinIndexKey.IsIndex(text))
            problem = $"{name} must be 64 hex digits (HMAC-SHA256 of the PIN with Credentials:PinIndexKey), never a PIN";
        else if (!hasHash)
            problem = $"{name} is set but its PIN hash is not; an index needs the hash it leads to";
        if (problem is not null)
            return [];
        Ascii.ToLowerInPlace(text, out _);
        return text;
    }
}
