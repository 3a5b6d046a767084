namespace Mailroom.Edge.Host.Configuration;

/// <summary>One camera (see docs/video.md): its RTSP URL, the doors it covers, the clip window, the events that trigger a clip and the evidence rule.</summary>
public sealed class CameraOptions
{
    /// <summary>RTSP URL, e.g. <c>rtsp://user:password@10.0.0.20:554/stream1</c>; the credentials never appear in logs or events.</summary>
    public string Url { get; set; } = "";

    /// <summary>Doors this camera sees; a door event triggers only the cameras covering its door. Empty: every door.</summary>
    public List<string> Doors { get; set; } = [];

    public TimeSpan PreRoll { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Record the camera's audio track too (stream copy; it must be AAC or MP3). Off by default: recording
    /// conversations needs consent or notice in many jurisdictions (docs/video.md, "Audio").
    /// </summary>
    public bool Audio { get; set; }

    public TimeSpan PostRoll { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Event types that trigger a clip; a trailing <c>*</c> matches a prefix (e.g. <c>alarm.*</c>).</summary>
    /// <remarks>Starts empty on purpose: the configuration binder appends to a list it finds, so default entries here
    /// would stay in front of every configured list. <see cref="EffectiveTriggers"/> supplies the defaults.</remarks>
    public List<string> Triggers { get; set; } = [];

    /// <summary>The triggers in force: <see cref="Triggers"/>, or <see cref="DefaultTriggers"/> when none is listed.</summary>
    public IReadOnlyList<string> EffectiveTriggers => Triggers.Count > 0 ? Triggers : DefaultTriggers;

    /// <summary>The evidence rule: snapshots (and optionally clips) of every decision on the listed credential categories.</summary>
    public CameraEvidenceOptions Evidence { get; set; } = new();

    public static readonly IReadOnlyList<string> DefaultTriggers = ["access.denied", "alarm.forced_open", "alarm.held_open", "lockdown.started"];
}
