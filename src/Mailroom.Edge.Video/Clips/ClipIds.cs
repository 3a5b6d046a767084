using System.Globalization;
using System.Text.RegularExpressions;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Clip ids: readable and unique — camera, the moment the clip is about, and the random tail of a UUIDv7. They are
/// file names and topic levels, so only <c>A–Z a–z 0–9 - _</c>.
/// </summary>
public static partial class ClipIds
{
    public static string New(string camera, DateTimeOffset about, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{camera}-{about.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}-{Guid.CreateVersion7(now).ToString("N")[^8..]}");

    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex Pattern();
}
