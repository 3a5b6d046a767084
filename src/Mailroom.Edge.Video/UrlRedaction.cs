namespace Mailroom.Edge.Video;

/// <summary>
/// Camera URLs carry credentials (<c>rtsp://user:password@host/…</c>). Everything that leaves the recorder — logs,
/// events, ffmpeg's stderr (which echoes the URL) — goes through here so the password never does.
/// </summary>
public static class UrlRedaction
{
    public const string Mask = "***";

    /// <summary>The URL with its user-info replaced by <see cref="Mask"/>; a URL without user-info is returned as is.</summary>
    public static string Redact(string url)
    {
        var (start, at) = UserInfoRange(url);
        return at < 0 ? url : string.Concat(url.AsSpan(0, start), Mask, url.AsSpan(at));
    }

    /// <summary>Replaces every occurrence of the URL's user-info in a line of text, e.g. ffmpeg's stderr.</summary>
    public static string Scrub(string text, string url)
    {
        var (start, at) = UserInfoRange(url);
        return at <= start ? text : text.Replace(url[start..at], Mask, StringComparison.Ordinal);
    }

    /// <summary>Where the user-info starts, and the index of the '@' that ends it (-1 when there is none).</summary>
    private static (int Start, int At) UserInfoRange(string url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
            return (0, -1);
        var start = scheme + 3;
        var end = url.IndexOfAny(['/', '?', '#'], start);
        if (end < 0)
            end = url.Length;
        // The last '@' in the authority ends the user-info: a password may itself contain '@'.
        return end == start ? (start, -1) : (start, url.LastIndexOf('@', end - 1, end - start));
    }
}
