using System.Security.Cryptography;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Ring;

namespace Mailroom.Edge.Video.Clips;

/// <summary>
/// Cuts a clip from the ring: the concat demuxer joins the chosen MPEG-TS segments by stream copy into an MP4 with its
/// index first (<c>+faststart</c>), a JPEG is taken at the first trigger, and the file's SHA-256 and size are taken from
/// the bytes on disk. The clip records the span it really covers, not the one asked for. Before anything is
/// committed the file is read back (<see cref="IClipProbe"/>) and judged (<see cref="ClipCheck"/>): a file that is not
/// readable video is kept aside (<see cref="ClipStore.Reject"/>), never committed; otherwise the clip carries the
/// measured duration and streams.
/// </summary>
public sealed class ClipExporter(VideoSettings settings, ClipStore store, IClipProbe probe, TimeProvider time)
{
    private static readonly TimeSpan FfmpegTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Exports and checks the window; null when the ring holds no video in it at all (the camera was down throughout).
    /// <paramref name="audioExpected"/>: the camera sends audio and is configured to record it, so the file must have it.
    /// </summary>
    public async Task<ClipExport?> ExportAsync(
        string camera, ClipWindow window, IReadOnlyList<RingSegment> ring, bool audioExpected, CancellationToken cancellationToken)
    {
        if (SegmentSelector.Select(ring, window.Start, window.End) is not { } selection)
            return null;
        var now = time.GetUtcNow();
        // A clip asked for by command already has its id (the command's answer named it).
        var id = window.Id ?? ClipIds.New(camera, window.SnapshotAt, now);
        var concat = Path.Combine(store.Staging, id + ".ffconcat");
        var video = Path.Combine(store.Staging, id + ".mp4");
        var snapshot = Path.Combine(store.Staging, id + ".jpg");
        try
        {
            await File.WriteAllTextAsync(concat, FfmpegArguments.ConcatList(selection.Segments.Select(s => s.Path)), cancellationToken);
            await FfmpegProcess.RunAsync(settings.SetsidPath, settings.FfmpegPath, FfmpegArguments.Export(concat, video), store.Staging, FfmpegTimeout, cancellationToken);
            var measured = await probe.MeasureAsync(video, cancellationToken);
            var check = ClipCheck.Judge(measured, selection.End - selection.Start, audioExpected);
            if (check.Outcome == ClipCheckOutcome.Rejected)
            {
                var (keptAs, dropped) = store.Reject(id, video);
                return new ClipExport(id, selection.Start, selection.End, check) { KeptAs = keptAs, DroppedRejects = dropped };
            }
            var hasSnapshot = await TrySnapshotAsync(video, window.SnapshotAt - selection.Start, snapshot, cancellationToken);
            var (sha256, size) = await HashAsync(video, cancellationToken);
            var record = new ClipRecord
            {
                Id = id,
                Camera = camera,
                // Ready now, after the export: clip.delivered's delivery time runs from clip.ready (docs/mqtt.md), and
                // an export slowed by a busy machine is not delivery.
                CreatedAt = time.GetUtcNow(),
                Triggers = window.Triggers,
                RequestedStart = window.Start,
                RequestedEnd = window.End,
                ActualStart = selection.Start,
                ActualEnd = selection.End,
                Duration = check.Outcome == ClipCheckOutcome.Unchecked ? selection.Duration : measured.Duration,
                SizeBytes = size,
                Sha256 = sha256,
                HasSnapshot = hasSnapshot,
                IsAlarm = window.IsAlarm,
                Checked = check.Outcome != ClipCheckOutcome.Unchecked,
                Streams = measured.Streams,
                Problem = check.Reason,
            };
            store.Commit(record, video, hasSnapshot ? snapshot : null);
            return new ClipExport(id, selection.Start, selection.End, check) { Clip = record };
        }
        finally
        {
            File.Delete(concat);
            File.Delete(video);
            File.Delete(snapshot);
        }
    }

    private async Task<bool> TrySnapshotAsync(string video, TimeSpan offset, string output, CancellationToken cancellationToken)
    {
        try
        {
            await FfmpegProcess.RunAsync(settings.SetsidPath, settings.FfmpegPath, FfmpegArguments.Snapshot(video, offset, output), store.Staging, FfmpegTimeout, cancellationToken);
            return File.Exists(output);
        }
        catch (FfmpegException)
        {
            // The clip is the evidence; a missing still is noted in its metadata, not a reason to lose the clip.
            return false;
        }
    }

    /// <summary>The SHA-256 (lower-case hex) and length of a file as it is on disk.</summary>
    internal static async Task<(string Sha256, long Size)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return (Convert.ToHexStringLower(hash), stream.Length);
    }
}
