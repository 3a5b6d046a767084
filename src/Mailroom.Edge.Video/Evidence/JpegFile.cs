namespace Mailroom.Edge.Video.Evidence;

/// <summary>
/// Whether bytes are a whole baseline JPEG file as ffmpeg's encoder writes one: the start-of-image marker
/// <c>FF D8</c> first and the end-of-image marker <c>FF D9</c> last (ITU-T T.81, Annex B). A file cut short by a killed
/// process or a full disk lacks the end marker. Pure.
/// </summary>
public static class JpegFile
{
    public static bool IsWhole(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 4 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[^2] == 0xFF && bytes[^1] == 0xD9;
}
