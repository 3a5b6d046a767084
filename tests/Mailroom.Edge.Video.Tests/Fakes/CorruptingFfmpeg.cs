using System.Runtime.Versioning;

namespace Mailroom.Edge.Video.Tests.Fakes;

/// <summary>
/// An <c>ffmpeg</c> that is the real one, except that a clip export (<c>-f concat</c>) leaves a damaged file after the
/// real export succeeded — what a full disk, a failing SD card or a crash mid-write leaves. Recording and snapshots exec
/// the real ffmpeg unchanged (same pid, same process group). An <c>ffprobe</c> link to the real one sits beside it,
/// because the agent uses the ffprobe next to its ffmpeg.
/// </summary>
[SupportedOSPlatform("linux")]
public static class CorruptingFfmpeg
{
    /// <summary>How many leading bytes <see cref="ExportDamage.TornHeader"/> zeroes: the MP4's ftyp and moov boxes start there.</summary>
    public const int ZeroedBytes = 4096;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path (for <c>VideoSettings.FfmpegPath</c>).</summary>
    public static string Write(string folder, ExportDamage damage)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "ffmpeg");
        var spoil = damage switch
        {
            ExportDamage.TornHeader => $"dd if=/dev/zero of=\"$out\" bs={ZeroedBytes} count=1 conv=notrunc status=none",
            ExportDamage.DropAudio => "/usr/bin/ffmpeg -hide_banner -nostdin -loglevel error -i \"$out\" -map 0:v -c copy -y \"$out.video.mp4\" && mv \"$out.video.mp4\" \"$out\"",
            _ => "head -c $(( $(stat -c %s \"$out\") / 2 )) \"$out\" > \"$out.cut\" && mv \"$out.cut\" \"$out\"",
        };
        File.WriteAllText(path, $$"""
            #!/bin/sh
            case " $* " in
              *" -f concat "*) ;;
              *) exec /usr/bin/ffmpeg "$@" ;;
            esac
            /usr/bin/ffmpeg "$@" || exit $?
            for out; do :; done
            {{spoil}}
            """.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(folder, "ffprobe"), "/usr/bin/ffprobe");
        return path;
    }
}
