namespace Mailroom.Edge.Video.Probing;

/// <summary>Why a camera probe failed, as an installer would act on it.</summary>
public enum CameraProbeFailure
{
    /// <summary>Connection refused, no route, unknown host: the camera is off, unplugged, or the address or port is wrong.</summary>
    NotReachable,

    /// <summary>The camera answered 401: wrong user name or password.</summary>
    WrongCredentials,

    /// <summary>The camera answered 404 (DESCRIBE failed): the path in the URL names no stream.</summary>
    WrongPath,

    /// <summary>The camera took the connection but did not answer in time (hung, or not an RTSP server).</summary>
    TimedOut,

    /// <summary>The camera answered but sends no video stream.</summary>
    NoVideo,

    /// <summary>Anything else; the detail says what ffprobe said.</summary>
    Other,
}
