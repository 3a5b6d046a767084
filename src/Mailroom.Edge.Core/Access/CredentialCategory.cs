namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The rules for a credential's category name (<see cref="EnrolledCredential.Category"/>): 1–32 characters of lower-case
/// ASCII letters, digits, <c>_</c> and <c>-</c>. Camera evidence rules and the central side match it exactly, so one
/// spelling per category is enforced where credentials come in (CSV import, sync), not guessed later.
/// </summary>
public static class CredentialCategory
{
    public const int MaxLength = 32;

    /// <summary>Why <paramref name="name"/> is not a category name; null when it is one.</summary>
    public static string? Problem(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > MaxLength)
            return $"category must be 1 to {MaxLength} characters";
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
                return "category may hold only lower-case letters, digits, '_' and '-'";
        }
        return null;
    }
}
