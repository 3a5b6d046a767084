using System.Globalization;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Video.Clips;
using Mailroom.Edge.Video.Retention;

namespace Mailroom.Edge.Host.Cli;

/// <summary>
/// <c>config check</c>'s warning when held clips (<c>clip hold</c>) use more than <c>Video:HeldQuotaWarningShare</c> of
/// <c>Video:ClipQuotaBytes</c>: retention can never free them, so every new clip has less room and older unheld clips
/// go sooner (docs/operations.md, "Holding evidence"). Reads the clip folder's metadata only; creates nothing.
/// </summary>
internal static class HeldClipCheck
{
    private const double MiB = 1024 * 1024;

    public static void Warn(EdgeOptions options, TextWriter output)
    {
        if (options.Cameras.Count == 0)
            return;
        var folder = EdgeServices.VideoSettingsFrom(options).ClipDirectory;
        HeldClips held;
        try
        {
            if (!Directory.Exists(folder))
                return;
            held = HeldClips.Of(ClipStore.ListIn(folder));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"warning: Video:ClipDirectory {folder} could not be read ({e.Message}); held clips not checked");
            return;
        }
        var quota = options.Video.ClipQuotaBytes;
        var share = options.Video.HeldQuotaWarningShare;
        if (held.Bytes > share * quota)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: {held.Count} held clip(s) in {folder} use {held.Bytes / MiB:0.#} MiB, {100.0 * held.Bytes / quota:0.#} % of Video:ClipQuotaBytes ({quota / MiB:0.#} MiB), more than Video:HeldQuotaWarningShare ({share:0.###}); retention cannot free them: release what the incident no longer needs (mailroomctl clip release) or raise the quota"));
    }
}
