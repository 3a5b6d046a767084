namespace Mailroom.Edge.Host.Configuration;

/// <summary>Recording and clip storage shared by every camera (see docs/video.md).</summary>
public sealed class VideoOptions
{
    /// <summary>Ring of short segments; tmpfs spares the SD card (about 1 MB per camera per second of pre-roll at 4 Mbit/s).</summary>
    public string RingDirectory { get; set; } = "/dev/shm/mailroom-edge/ring";

    /// <summary>Exported clips; empty means <c>{DataDirectory}/clips</c>.</summary>
    public string ClipDirectory { get; set; } = "";

    public string FfmpegPath { get; set; } = "/usr/bin/ffmpeg";

    public TimeSpan SegmentLength { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RtspTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RestartDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RestartDelayMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Seconds of video each camera's ring keeps at least (more when a pre-roll plus 10 s needs it): the most a
    /// <c>clip</c> command may ask for. 0..300 (the command's own limit); about 0.5 MB per second per camera at 4 Mbit/s.
    /// </summary>
    public int RingSeconds { get; set; } = 60;

    public long ClipQuotaBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    public TimeSpan ClipMaxAge { get; set; } = TimeSpan.FromDays(14);

    public long MinFreeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// <c>config check</c> warns when held clips (<c>clip hold</c>) use more than this share of <see cref="ClipQuotaBytes"/>:
    /// retention cannot free them, so new clips get less room. 0 &lt; share ≤ 1.
    /// </summary>
    public double HeldQuotaWarningShare { get; set; } = 0.5;

    /// <summary>Send clips to the central server over MQTT (<c>{root}/clip/{id}/…</c>) on a second connection.</summary>
    public bool DeliverClips { get; set; } = true;

    /// <summary>Payload size of one clip chunk message.</summary>
    public int ChunkBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// A clip fully sent but not acknowledged by the server this long gets its manifest again, which prompts the server
    /// to acknowledge or ask for a resend (a lost ack must not strand a clip while the link stays up).
    /// </summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
