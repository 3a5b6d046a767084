using System.Text.Json;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Delivery;
using Mailroom.Edge.Video.Evidence;
using Mailroom.Edge.Video.Retention;
using Mailroom.Edge.Video.Ring;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class SnapshotPiecesTests
{
    private static readonly DateTimeOffset T0 = SegmentSelectorTests.T0;

    private static List<RingSegment> Ring(params (double Start, double End)[] spans) => SegmentSelectorTests.Ring(spans);

    [Fact]
    public void The_frame_is_in_the_segment_holding_the_time_at_its_offset()
    {
        var ring = Ring((0, 1), (1, 2), (4, 5));
        Assert.Equal(("/ring/1.ts", TimeSpan.FromSeconds(0.5)), Frame(ring, 1.5));
        Assert.Equal(("/ring/0.ts", TimeSpan.Zero), Frame(ring, 0));
    }

    [Fact]
    public void A_gap_a_time_before_the_ring_or_one_not_yet_recorded_has_no_frame()
    {
        var ring = Ring((0, 1), (1, 2), (4, 5));
        Assert.Null(SnapshotExporter.FrameFor(ring, T0.AddSeconds(3)));
        Assert.Null(SnapshotExporter.FrameFor(ring, T0.AddSeconds(5.1)));
        Assert.Null(SnapshotExporter.FrameFor(ring, T0.AddSeconds(-0.1)));
        Assert.Null(SnapshotExporter.FrameFor([], T0));
    }

    [Fact]
    public void A_time_at_a_segments_very_end_takes_the_next_segments_first_frame_or_stays_inside_its_own()
    {
        var ring = Ring((0, 1), (1, 2), (2.5, 3));
        // 1.0 is both segments' boundary; 0.95 s into segment 0 is past its last frame (0.96 s at 25 fps is the latest a seek may ask for).
        Assert.Equal(("/ring/1.ts", TimeSpan.Zero), Frame(ring, 1.0));
        Assert.Equal(("/ring/1.ts", TimeSpan.Zero), Frame(ring, 0.95));
        // Segment 1 is followed by a gap, and the last segment by nothing yet: the frame is taken a margin before the end.
        Assert.Equal(("/ring/1.ts", TimeSpan.FromSeconds(1) - SnapshotExporter.LastFrameMargin), Frame(ring, 1.98));
        Assert.Equal(("/ring/2.ts", TimeSpan.FromSeconds(0.5) - SnapshotExporter.LastFrameMargin), Frame(ring, 3));
    }

    private static (string, TimeSpan)? Frame(List<RingSegment> ring, double seconds) =>
        SnapshotExporter.FrameFor(ring, T0.AddSeconds(seconds)) is var (segment, offset) ? (segment.Path, offset) : null;

    [Fact]
    public void A_whole_jpeg_has_both_markers_and_a_cut_one_does_not()
    {
        byte[] whole = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9];
        Assert.True(JpegFile.IsWhole(whole));
        Assert.False(JpegFile.IsWhole(whole.AsSpan(0, whole.Length - 1)));
        Assert.False(JpegFile.IsWhole([]));
        Assert.False(JpegFile.IsWhole("<html>not an image</html>"u8));
        Assert.False(JpegFile.IsWhole([0xFF, 0xD9, 0xFF, 0xD8]));
    }
    [Fact]
    public void A_snapshot_record_counts_for_retention_by_its_jpeg_and_its_manifest_says_image_jpeg()
    {
        var snapshot = TestClips.Record("dock-s", T0, 40_000) with { ContentType = ClipRecord.SnapshotContentType, Door = "front" };
        var clip = TestClips.Record("dock-c", T0.AddSeconds(1), 100_000);

        var plan = RetentionPlanner.Plan([snapshot, clip], new RetentionPolicy(120_000, TimeSpan.FromDays(14), 0), T0.AddSeconds(2), freeBytes: 1L << 40);
        Assert.Equal(["dock-s"], plan.Evictions.Select(e => e.Clip.Id));

        using var manifest = JsonDocument.Parse(ClipManifest.Serialize(snapshot, 16 * 1024));
        Assert.Equal(("image/jpeg", "front", 3), (manifest.RootElement.GetProperty("content_type").GetString(),
            manifest.RootElement.GetProperty("door").GetString(), manifest.RootElement.GetProperty("chunks").GetInt32()));
        using var clipManifest = JsonDocument.Parse(ClipManifest.Serialize(clip, 16 * 1024));
        Assert.Equal("video/mp4", clipManifest.RootElement.GetProperty("content_type").GetString());
        Assert.False(clipManifest.RootElement.TryGetProperty("door", out _));
    }
}
