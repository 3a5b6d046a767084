using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Ring;

namespace Mailroom.Edge.Video.Evidence;

/// <summary>
/// Takes an evidence snapshot from the ring: the frame at the decision's time, read straight from the completed segment
/// covering it, encoded like a clip's still (<see cref="FfmpegArguments.SegmentSnapshot"/>; segments start on
/// keyframes, so the frame is decoded from the segment's start). No clip is cut and no post-roll is awaited. The JPEG is checked to be whole (<see cref="JpegFile"/>), hashed and committed as a record whose media is
/// the JPEG (<see cref="ClipStore.CommitSnapshot"/>), so retention and delivery treat it like a clip.
/// </summary>
public sealed class SnapshotExporter(VideoSettings settings, ClipStore store, TimeProvider time)
{
    private static readonly TimeSpan FfmpegTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A segment's listed end is the next one's start, so its last frame is up to a frame interval earlier (40 ms at
    /// 25 fps, 100 ms at 10 fps) and a seek past that frame yields nothing. A decision this close to a segment's end is
    /// taken from the next segment's first frame when that is recorded, else from this far before the end.
    /// </summary>
    public static readonly TimeSpan LastFrameMargin = TimeSpan.FromMilliseconds(100);

    /// <summary>The committed snapshot, or why there is none (<see cref="SnapshotReasons"/>) with a detail for a person.</summary>
    public async Task<(ClipRecord? Snapshot, string? Reason, string? Detail)> ExportAsync(
        string camera, SnapshotRequest request, IReadOnlyList<RingSegment> ring, CancellationToken cancellationToken)
    {
        if (FrameFor(ring, request.At) is not var (segment, offset))
            return (null, SnapshotReasons.NoVideo, ring.Count == 0 ? "the ring is empty" : $"the ring covers {ring[0].Start:O}..{ring[^1].End:O}");
        var id = ClipIds.New(camera, request.At, time.GetUtcNow());
        var staged = Path.Combine(store.Staging, id + ".jpg");
        try
        {
            try
            {
                await FfmpegProcess.RunAsync(settings.SetsidPath, settings.FfmpegPath, FfmpegArguments.SegmentSnapshot(segment.Path, offset, staged),
                    store.Staging, FfmpegTimeout, cancellationToken);
            }
            catch (FfmpegException e)
            {
                return (null, SnapshotReasons.Failed, e.Message);
            }
            if (!File.Exists(staged) || !JpegFile.IsWhole(await File.ReadAllBytesAsync(staged, cancellationToken)))
                return (null, SnapshotReasons.Unreadable, File.Exists(staged) ? "the file is not a whole JPEG" : "ffmpeg wrote no frame");
            var (sha256, size) = await ClipExporter.HashAsync(staged, cancellationToken);
            var frameAt = segment.Start + offset;
            var record = new ClipRecord
            {
                Id = id,
                Camera = camera,
                CreatedAt = time.GetUtcNow(),
                Triggers = [request.EventId],
                RequestedStart = request.At,
                RequestedEnd = request.At,
                ActualStart = frameAt,
                ActualEnd = frameAt,
                Duration = TimeSpan.Zero,
                SizeBytes = size,
                Sha256 = sha256,
                ContentType = ClipRecord.SnapshotContentType,
                Door = request.Door,
                Checked = true,
            };
            store.CommitSnapshot(record, staged);
            return (record, null, null);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>
    /// The segment and the offset into it of the frame nearest <paramref name="at"/> (see <see cref="LastFrameMargin"/>);
    /// null when no completed segment holds that time (a gap, or not yet recorded).
    /// </summary>
    public static (RingSegment Segment, TimeSpan Offset)? FrameFor(IReadOnlyList<RingSegment> ring, DateTimeOffset at)
    {
        var index = -1;
        for (var i = 0; i < ring.Count && index < 0; i++)
        {
            if (ring[i].Start <= at && ring[i].End >= at)
                index = i;
        }
        if (index < 0)
            return null;
        var segment = ring[index];
        if (segment.End - at >= LastFrameMargin)
            return (segment, at - segment.Start);
        // The next segment must follow on (same ffmpeg run, no gap): its first frame is then the one just after the decision.
        if (index + 1 < ring.Count && ring[index + 1] is { } next && next.Run == segment.Run && next.Start - segment.End < LastFrameMargin)
            return (next, TimeSpan.Zero);
        var latest = segment.Duration - LastFrameMargin;
        return (segment, latest > TimeSpan.Zero ? latest : TimeSpan.Zero);
    }
}
