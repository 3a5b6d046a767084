using System.Runtime.Versioning;

namespace Mailroom.Edge.Video.Tests.Fakes;

/// <summary>
/// An <c>ffmpeg</c> that is the real one, except that a clip export (<c>-f concat</c>) leaves a broken file: after the
/// real export succeeds, the MP4 is cut to its first 3000 bytes, so its index is torn — what a full disk or a crash
/// mid-write leaves. Recording and snapshots exec the real ffmpeg unchanged (same pid, same process group). An
/// <c>ffprobe</c> link to the real one sits beside it, because the agent looks for ffprobe next to ffmpeg.
/// </summary>
[SupportedOSPlatform("linux")]
public static class CorruptingFfmpeg
{
    public const int KeptBytes = 3000;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path (for <c>VideoSettings.FfmpegPath</c>).</summary>
    public static string Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "ffmpeg");
        File.WriteAllText(path, $$"""
            #!/bin/sh
            case " $* " in
              *" -f concat "*) ;;
              *) exec /usr/bin/ffmpeg "$@" ;;
            esac
            /usr/bin/ffmpeg "$@" || exit $?
            for out; do :; done
            head -c {{KeptBytes}} "$out" > "$out.cut" && mv "$out.cut" "$out"
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(folder, "ffprobe"), "/usr/bin/ffprobe");
        return path;
    }
}
