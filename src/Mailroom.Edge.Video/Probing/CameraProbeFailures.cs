namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// Turns what ffprobe printed on a failed RTSP probe into a <see cref="CameraProbeFailure"/> and says it for a person.
/// ffprobe has no error codes worth the name, so this reads its messages (libavformat's rtsp.c and tcp.c wording).
/// </summary>
public static class CameraProbeFailures
{
    private static readonly string[] NotReachable =
    [
        "Connection refused", "No route to host", "Network is unreachable", "Host is unreachable",
        "Failed to resolve hostname", "Name or service not known", "Temporary failure in name resolution",
    ];

    /// <param name="stderr">ffprobe's error output.</param>
    /// <param name="ranOutOfTime">Whether ffprobe ran for the whole timeout: a camera that accepts the connection but never
    /// answers makes ffprobe end with a vague "Invalid data found", never the word timeout.</param>
    public static CameraProbeFailure Classify(string stderr, bool ranOutOfTime)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        // 401 before 404: both come as "method DESCRIBE failed: …". Words, not bare status numbers: the line also holds
        // the URL, whose port or path may contain "401".
        if (Has(stderr, "Unauthorized"))
            return CameraProbeFailure.WrongCredentials;
        if (Has(stderr, "Not Found") || Has(stderr, "method DESCRIBE failed"))
            return CameraProbeFailure.WrongPath;
        if (NotReachable.Any(text => Has(stderr, text)))
            return CameraProbeFailure.NotReachable;
        if (ranOutOfTime || Has(stderr, "timed out"))
            return CameraProbeFailure.TimedOut;
        return CameraProbeFailure.Other;
    }

    public static string Describe(CameraProbeFailure failure) => failure switch
    {
        CameraProbeFailure.NotReachable => "camera not reachable: it is off or unplugged, or the address or port is wrong",
        CameraProbeFailure.WrongCredentials => "camera refused the user name or password (401 Unauthorized)",
        CameraProbeFailure.WrongPath => "camera has no stream at this path (404, DESCRIBE failed): check the path in the URL",
        CameraProbeFailure.TimedOut => "camera took the connection but did not answer in time (hung, or not an RTSP server)",
        CameraProbeFailure.NoVideo => "camera answered but sends no video stream",
        _ => "probe failed",
    };

    /// <summary>ffprobe's last non-empty line: the one naming the input and the error.</summary>
    public static string LastLine(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static bool Has(string text, string value) => text.Contains(value, StringComparison.OrdinalIgnoreCase);
}
