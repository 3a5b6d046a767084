using System.Globalization;
using System.Text;
using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Core.Events;

/// <summary>How values are spelled on the wire: snake_case identifiers and RFC 3339 UTC timestamps with milliseconds.</summary>
public static class WireNames
{
    public static string Of(DenialReason reason) => SnakeCase(reason.ToString());

    public static string Of(EventCategory category) => category.ToString().ToLowerInvariant();

    /// <summary>The <see cref="DateTime"/> format of <see cref="Timestamp"/>, for writers that format into a buffer.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string Timestamp(DateTimeOffset ts) =>
        ts.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string SnakeCase(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
