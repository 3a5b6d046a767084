namespace Mailroom.Edge.Testing;

/// <summary>The audio track the <see cref="RtspTestCamera"/> serves next to its video.</summary>
public enum TestCameraAudio
{
    None,

    /// <summary>An MP3 tone (<c>lamemp3enc → rtpmpapay</c>).</summary>
    Mp3,

    /// <summary>G.711 µ-law at 8 kHz mono (<c>mulawenc → rtppcmupay</c>), the default of many IP cameras; MPEG-TS cannot carry it by copy.</summary>
    Pcmu,
}
