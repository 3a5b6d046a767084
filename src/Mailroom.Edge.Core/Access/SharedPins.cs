namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Credentials that share a PIN: two whose <c>pin_index</c> is equal, or one whose duress index is another's PIN (or
/// duress) index. Entry by PIN alone cannot tell them apart (it denies <c>ambiguous_pin</c>); with a card first they
/// are fine. Found when a list changes, so the installer and the server hear of it before someone stands at the door.
/// A credential whose duress PIN equals its own PIN is one person, not a collision.
/// </summary>
public static class SharedPins
{
    /// <summary>Each PIN index held by more than one credential, as the positions (in <paramref name="credentials"/>'
    /// order) of the credentials that hold it; groups in the order their first member appears.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> Find(IReadOnlyList<EnrolledCredential> credentials)
    {
        var holders = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < credentials.Count; i++)
        {
            var c = credentials[i];
            if (c.PinIndex is { } pin)
                Add(holders, pin, i);
            if (c.DuressPinIndex is { } duress && !string.Equals(duress, c.PinIndex, StringComparison.OrdinalIgnoreCase))
                Add(holders, duress, i);
        }
        return [.. holders.Values.Where(h => h.Distinct().Count() > 1).Select(h => (IReadOnlyList<int>)[.. h.Distinct()]).OrderBy(h => h[0])];
    }

    private static void Add(Dictionary<string, List<int>> holders, string index, int position)
    {
        if (!holders.TryGetValue(index, out var list))
            holders[index] = list = [];
        list.Add(position);
    }
}
