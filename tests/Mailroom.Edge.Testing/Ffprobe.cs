using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Mailroom.Edge.Testing;

/// <summary>Asks ffprobe about a media file: whether it decodes, its codec, duration and frame count.</summary>
public static class Ffprobe
{
    public sealed record Report(string Codec, int Width, int Height, double DurationSeconds, int Frames);

    /// <summary>The codec of each stream in the file, in order (e.g. <c>["h264", "mp3"]</c>).</summary>
    public static async Task<IReadOnlyList<string>> StreamCodecsAsync(string path)
    {
        using var json = JsonDocument.Parse(await RunAsync(path, ["-v", "error", "-show_entries", "stream=codec_name", "-of", "json", path]));
        return [.. json.RootElement.GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("codec_name").GetString() ?? "")];
    }

    /// <summary>Decodes every frame (<c>-count_frames</c>), so a file that does not play fails here.</summary>
    public static async Task<Report> ProbeAsync(string path)
    {
        using var json = JsonDocument.Parse(await RunAsync(path,
        [
            "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "json", path,
        ]));
        var stream = json.RootElement.GetProperty("streams")[0];
        return new Report(
            stream.GetProperty("codec_name").GetString() ?? "",
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture),
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Decodes the first audio stream and counts its frames, so an audio track that does not play fails here.</summary>
    public static async Task<int> AudioFramesAsync(string path)
    {
        using var json = JsonDocument.Parse(await RunAsync(path,
            ["-v", "error", "-count_frames", "-select_streams", "a:0", "-show_entries", "stream=nb_read_frames", "-of", "json", path]));
        return int.Parse(json.RootElement.GetProperty("streams")[0].GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>A still image (one JPEG): its codec, size and how many frames decode (<c>-count_frames</c>); it has no duration.</summary>
    public static async Task<(string Codec, int Width, int Height, int Frames)> StillAsync(string path)
    {
        using var json = JsonDocument.Parse(await RunAsync(path,
            ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "json", path]));
        var stream = json.RootElement.GetProperty("streams")[0];
        return (stream.GetProperty("codec_name").GetString() ?? "", stream.GetProperty("width").GetInt32(), stream.GetProperty("height").GetInt32(),
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
    }

    private static async Task<string> RunAsync(string path, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start ffprobe");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffprobe failed on {path}: {await stderr}");
        return await stdout;
    }
}
