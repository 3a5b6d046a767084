using Mailroom.Edge.Video.Recording;
using Mailroom.Edge.Video.Ring;

namespace Mailroom.Edge.Testing;

/// <summary>Awaits the recorder's own segment signals (no sleeping) until its ring holds enough video.</summary>
public static class RingWaiter
{
    /// <summary>Completes when the ring holds at least <paramref name="span"/> of video from one ffmpeg run started after <paramref name="since"/>.</summary>
    public static async Task WaitForVideoAsync(CameraRecorder recorder, TimeSpan span, TimeSpan timeout, DateTimeOffset? since = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (Enough(recorder.Segments(), span, since))
                done.TrySetResult();
        }
        void OnSegment(RingSegment segment) => Check();
        recorder.SegmentCompleted += OnSegment;
        try
        {
            Check();
            await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException e)
        {
            // Say what the recorder was doing: a camera that never came up and one that is merely slow look alike here.
            throw new TimeoutException($"no {span.TotalSeconds} s of video within {timeout.TotalSeconds} s; {recorder.Segments().Count} segments; {recorder.Health}", e);
        }
        finally
        {
            recorder.SegmentCompleted -= OnSegment;
        }
    }

    private static bool Enough(IReadOnlyList<RingSegment> ring, TimeSpan span, DateTimeOffset? since)
    {
        if (ring.Count == 0)
            return false;
        var run = ring[^1].Run;
        var first = ring.FirstOrDefault(s => s.Run == run && (since is null || s.Start >= since));
        return first is not null && ring[^1].End - first.Start >= span;
    }
}
