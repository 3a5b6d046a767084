namespace Mailroom.Edge.Video;

/// <summary>Settings shared by every camera: where segments and clips live, ffmpeg timing, supervision and retention.</summary>
public sealed record VideoSettings
{
    /// <summary>Folder for the ring of short segments; tmpfs (e.g. /dev/shm) spares the SD card. One subfolder per camera.</summary>
    public required string RingDirectory { get; init; }

    /// <summary>Folder for exported clips and their snapshots and metadata.</summary>
    public required string ClipDirectory { get; init; }

    public string FfmpegPath { get; init; } = "/usr/bin/ffmpeg";

    /// <summary>Runs ffmpeg as the leader of a new session and process group, so the group can be signalled as one.</summary>
    public string SetsidPath { get; init; } = "/usr/bin/setsid";

    /// <summary>Target segment length; ffmpeg can only cut on keyframes, so real segments last at least one GOP.</summary>
    public TimeSpan SegmentLength { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>ffmpeg's RTSP socket timeout: a camera silent this long makes ffmpeg exit.</summary>
    public TimeSpan RtspTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No newly completed segment for this long means the recorder is stuck; it is restarted.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RestartDelayMin { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RestartDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long ffmpeg gets to close its segment after SIGTERM before the group is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Segments older than the longest pre-roll plus this margin are deleted from the ring (unless <see cref="RingSeconds"/> keeps more).</summary>
    public TimeSpan RingMargin { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The ring keeps at least this much video, so a <c>clip</c> command can ask for up to this many past seconds.</summary>
    public TimeSpan RingSeconds { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the ring keeps video: enough for every pre-roll plus the margin, and at least <see cref="RingSeconds"/>.</summary>
    public TimeSpan RingLength(TimeSpan longestPreRoll) =>
        longestPreRoll + RingMargin > RingSeconds ? longestPreRoll + RingMargin : RingSeconds;

    /// <summary>How often the segment list is read; it bounds how late a segment (and so a clip) is noticed.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public long ClipQuotaBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    public TimeSpan ClipMaxAge { get; init; } = TimeSpan.FromDays(14);

    /// <summary>Clips are evicted to keep at least this much free space on the clip folder's file system.</summary>
    public long MinFreeBytes { get; init; } = 256L * 1024 * 1024;
}
