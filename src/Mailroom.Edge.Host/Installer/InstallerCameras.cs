using Mailroom.Edge.Video;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// The Camera view: each camera's recorder state and what its probe at start found, and the latest still the device
/// keeps of it (a clip's snapshot or an evidence snapshot), read from the clip folder. Nothing is asked of the camera
/// itself: the page never adds a connection to a camera that is recording.
/// </summary>
public sealed class InstallerCameras(VideoRecorder? video)
{
    public IReadOnlyList<(string Camera, string State, string Probe, bool HasStill)> List() =>
        video is null
            ? []
            : [.. video.Health.OrderBy(h => h.Camera, StringComparer.Ordinal).Select(h => (
                h.Camera,
                $"{h.State.ToString().ToLowerInvariant()} since {h.Since:yyyy-MM-dd HH:mm:ss} UTC{(h.Problem is { } problem ? $" ({problem})" : "")}",
                h.Probe is null ? "not probed yet" : h.Probe.Succeeded ? h.Probe.VideoSummary : $"probe failed: {h.Probe.Detail}",
                LatestStill(h.Camera) is not null))];

    /// <summary>The path of the newest still of <paramref name="camera"/>, or null when there is none.</summary>
    public string? LatestStill(string camera)
    {
        if (video is null)
            return null;
        return video.Store.List()
            .Where(r => r.Camera == camera && (r.IsSnapshot || r.HasSnapshot))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => video.Store.SnapshotPath(r.Id))
            .FirstOrDefault(File.Exists);
    }
}
