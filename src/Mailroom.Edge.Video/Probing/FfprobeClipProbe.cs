using System.Globalization;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Probing;

/// <summary>
/// <see cref="IClipProbe"/> through FFMpegCore and ffprobe (next to the configured ffmpeg): <c>FFProbe.AnalyseAsync</c>
/// says whether the file is a container at all and names its streams; <c>FFProbe.GetPacketsAsync</c> then reads every
/// packet (no decoding), because an MP4 with its index first (<c>+faststart</c>) but its data cut short still reports
/// the index's full duration — only the packets that can really be read say how long the video is. Video counts from
/// its first keyframe: nothing before one can be decoded, and a keyframe cut off by the end of the file loses its key
/// flag in ffprobe's listing, so a file torn inside its first keyframe has no readable video. ffprobe exiting with
/// an error is the file's fault (<see cref="ClipMeasurement.Unreadable"/>); ffprobe missing, failing to start or hanging
/// is not (<see cref="ClipMeasurement.Unavailable"/>).
/// </summary>
public sealed class FfprobeClipProbe(string ffprobeFolder, TimeSpan timeout) : IClipProbe
{
    /// <summary>Reading a five-minute clip's packets takes well under a second here; this only bounds a stuck ffprobe.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static FfprobeClipProbe For(VideoSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(Path.GetDirectoryName(settings.FfmpegPath) ?? "", DefaultTimeout);
    }

    public async Task<ClipMeasurement> MeasureAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return ClipMeasurement.NotReadable("the file does not exist");
        // FFMpegCore would fall back to any ffprobe on PATH; the agent uses the one installed with its ffmpeg, or says so.
        var ffprobe = Path.Combine(ffprobeFolder, "ffprobe");
        if (!File.Exists(ffprobe))
            return ClipMeasurement.NotChecked($"ffprobe not found at {ffprobe} (it is looked for next to Video:FfmpegPath)");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var options = new FFOptions { BinaryFolder = ffprobeFolder };
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, options, cancellationToken: deadline.Token);
            var packets = await FFProbe.GetPacketsAsync(path, options, cancellationToken: deadline.Token);
            var (streams, duration) = Streams(analysis, packets.Packets ?? []);
            return ClipMeasurement.Of(streams, duration);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ClipMeasurement.NotChecked(string.Create(CultureInfo.InvariantCulture, $"ffprobe gave no answer within {timeout.TotalSeconds:0} s"));
        }
        catch (FFProbeProcessException e)
        {
            var said = CameraProbeFailures.LastLine(string.Join('\n', e.StandardError));
            return ClipMeasurement.NotReadable(said.Length > 0 ? $"ffprobe: {said}" : "ffprobe could not read it");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // ffprobe missing or not executable, or output it could not parse: the check could not run.
            return ClipMeasurement.NotChecked($"{ffprobe} could not be run: {e.Message}");
        }
    }

    /// <summary>Each video and audio stream with its readable span, and the span they cover together.</summary>
    private static (List<ClipStream> Streams, TimeSpan Duration) Streams(IMediaAnalysis analysis, IEnumerable<FFProbePacket> packets)
    {
        var spans = new Dictionary<int, (TimeSpan First, TimeSpan End, int Count)>();
        var video = analysis.VideoStreams.Select(s => s.Index).ToHashSet();
        foreach (var packet in packets)
        {
            var beforeFirstKeyframe = video.Contains(packet.StreamIndex) && !spans.ContainsKey(packet.StreamIndex)
                && !(packet.Flags ?? "").Contains('K', StringComparison.Ordinal);
            if (beforeFirstKeyframe || Seconds(packet.PtsTime) is not { } start)
                continue;
            var end = start + (Seconds(packet.DurationTime) ?? TimeSpan.Zero);
            spans[packet.StreamIndex] = spans.TryGetValue(packet.StreamIndex, out var span)
                ? (start < span.First ? start : span.First, end > span.End ? end : span.End, span.Count + 1)
                : (start, end, 1);
        }
        var listed = analysis.VideoStreams.Select(s => (s.Index, Type: "video", Codec: s.CodecName))
            .Concat(analysis.AudioStreams.Select(s => (s.Index, Type: "audio", Codec: s.CodecName)))
            .OrderBy(s => s.Index)
            .ToList();
        var read = listed.Where(s => spans.ContainsKey(s.Index)).Select(s => spans[s.Index]).ToList();
        var duration = read.Count == 0 ? TimeSpan.Zero : read.Max(s => s.End) - read.Min(s => s.First);
        List<ClipStream> streams =
        [
            .. listed.Select(s => spans.TryGetValue(s.Index, out var span)
                ? new ClipStream(s.Type, s.Codec ?? "unknown", span.End - span.First, span.Count)
                : new ClipStream(s.Type, s.Codec ?? "unknown", TimeSpan.Zero, 0)),
        ];
        return (streams, duration);
    }

    /// <summary>FFMpegCore asks ffprobe for sexagesimal times (<c>0:00:09.984580</c>); <c>N/A</c> or nothing is null.</summary>
    internal static TimeSpan? Seconds(string? sexagesimal)
    {
        var parts = sexagesimal?.Split(':');
        if (parts is not { Length: 3 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || !double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
            return null;
        return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
    }
}
