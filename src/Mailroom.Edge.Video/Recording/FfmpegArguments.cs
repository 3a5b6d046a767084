using System.Globalization;

namespace Mailroom.Edge.Video.Recording;

/// <summary>
/// Builds ffmpeg command lines. Kept apart from the process code so the exact arguments are unit-tested.
/// See https://ffmpeg.org/ffmpeg-formats.html#segment and #concat, https://ffmpeg.org/ffmpeg-protocols.html#rtsp.
/// </summary>
public static class FfmpegArguments
{
    public const string SegmentListFile = "segments.csv";

    /// <summary>The segment file pattern of a run; the run number keeps names unique across restarts.</summary>
    public static string SegmentPattern(int run) => $"r{run:D6}-%08d.ts";

    /// <summary>
    /// Records an RTSP camera into a ring of MPEG-TS segments, the video by stream copy. RTSP over TCP (no UDP loss, one
    /// port through firewalls); <c>-timeout</c> (µs) makes a silent camera end the process (ffmpeg 5 dropped <c>-stimeout</c>).
    /// Audio only when <paramref name="audio"/> is set (recording sound is regulated in many places), and then always
    /// encoded to AAC with ffmpeg's native encoder: many cameras send G.711 (PCMU/PCMA), which MPEG-TS cannot carry by
    /// copy — ffmpeg would fail and the video would be lost too. Encoding every codec (rather than copying AAC/MP3 and
    /// encoding the rest) needs no probe of the camera before the run, which could race a camera changing its settings,
    /// and costs little at camera audio rates. 48 kbit/s is the most AAC-LC allows for 8 kHz mono (the G.711 rate), so
    /// the encoder never has to clamp, and plenty for speech at higher rates. <c>0:a:0?</c> makes a camera without an
    /// audio track record video alone. <c>-segment_list_size</c> makes
    /// ffmpeg rewrite the list atomically (temp file + rename) with the latest entries, so the list stays small and a
    /// reader never sees half a file. <c>-reset_timestamps</c> makes each segment start at 0 so the concat demuxer
    /// joins them by duration; the list keeps stream times, which <see cref="Ring.StreamClock"/> maps to wall time.
    /// </summary>
    public static List<string> Record(string url, TimeSpan rtspTimeout, TimeSpan segmentLength, int listSize, int run, bool audio = false) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "warning",
        "-rtsp_transport", "tcp",
        "-timeout", ((long)rtspTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture),
        "-i", url,
        "-map", "0:v:0",
        .. audio ? (string[])["-map", "0:a:0?"] : [],
        "-c:v", "copy",
        .. audio ? (string[])["-c:a", "aac", "-b:a", "48k"] : [],
        "-f", "segment",
        "-segment_format", "mpegts",
        "-segment_time", Seconds(segmentLength),
        "-reset_timestamps", "1",
        "-segment_list", SegmentListFile,
        "-segment_list_type", "csv",
        "-segment_list_size", listSize.ToString(CultureInfo.InvariantCulture),
        SegmentPattern(run),
    ];

    /// <summary>Joins segments listed in an ffconcat file into an MP4 by stream copy, index first so players can seek at once.</summary>
    public static List<string> Export(string concatList, string output) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error",
        "-f", "concat", "-safe", "0", "-i", concatList,
        "-c", "copy",
        "-movflags", "+faststart",
        "-y", output,
    ];

    /// <summary>One JPEG frame at <paramref name="offset"/> into the clip (the frame nearest the trigger).</summary>
    public static List<string> Snapshot(string clip, TimeSpan offset, string output) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error",
        "-ss", Seconds(offset < TimeSpan.Zero ? TimeSpan.Zero : offset),
        "-i", clip,
        "-frames:v", "1", "-q:v", "3",
        "-y", output,
    ];

    /// <summary>
    /// One JPEG frame <paramref name="offset"/> into a ring segment (an evidence snapshot), with the same encoding as a
    /// clip's still. The seek is on the output side: ffmpeg decodes the segment from its first frame (a keyframe) and
    /// drops frames before the offset. Seeking on the input, as <see cref="Snapshot"/> does in an MP4, lands past the
    /// segment's only keyframe in MPEG-TS and yields no frame at all (seen with ffmpeg 5.1 on the ring's segments).
    /// </summary>
    public static List<string> SegmentSnapshot(string segment, TimeSpan offset, string output) =>
    [
        "-hide_banner", "-nostdin", "-loglevel", "error",
        "-i", segment,
        "-ss", Seconds(offset < TimeSpan.Zero ? TimeSpan.Zero : offset),
        "-frames:v", "1", "-q:v", "3",
        "-y", output,
    ];

    /// <summary>The concat demuxer's list: absolute paths, each quoted with ffconcat's escaping of single quotes.</summary>
    public static string ConcatList(IEnumerable<string> paths) =>
        "ffconcat version 1.0\n" + string.Concat(paths.Select(p => $"file '{p.Replace("'", "'\\''", StringComparison.Ordinal)}'\n"));

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
