using System.Globalization;
using Mailroom.Edge.Video.Recording;

namespace Mailroom.Edge.Testing;

/// <summary>
/// MP4 files like the clip exporter's (H.264 with a 1 s GOP at 25 fps, index first), made with real ffmpeg from its
/// test pattern (<c>testsrc</c>), with an AAC tone when asked: something to point the clip check at.
/// </summary>
public static class TestPatternClip
{
    public static async Task<string> MakeAsync(string path, int seconds, bool audio, int width = 320, int height = 240, string? videoBitrate = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        List<string> arguments =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc=duration={seconds}:size={width}x{height}:rate=25"),
            .. audio ? (string[])["-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=duration={seconds}:sample_rate=8000")] : [],
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "25",
            .. videoBitrate is null ? [] : (string[])["-b:v", videoBitrate, "-maxrate", videoBitrate, "-bufsize", videoBitrate],
            .. audio ? (string[])["-c:a", "aac", "-b:a", "48k"] : [],
            "-movflags", "+faststart", "-y", path,
        ];
        await FfmpegProcess.RunAsync("/usr/bin/setsid", "/usr/bin/ffmpeg", arguments, folder, TimeSpan.FromMinutes(5), CancellationToken.None);
        return path;
    }
}
