using System.Globalization;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary>Issue 20, part 3: <c>config check</c> warns when held clips take more than their share of the clip quota,
/// reading the clip folder's metadata offline and leaving the folder as it found it.</summary>
public sealed class HeldClipCheckTests : IDisposable
{
    private const long Quota = 1024 * 1024;
    private readonly TempDirectory _folder = new();

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(0.75, false)]
    public void Held_clips_over_the_configured_share_of_the_quota_are_a_warning_not_an_error(double share, bool warned)
    {
        var clips = Path.Combine(_folder.Path, "clips");
        var store = new ClipStore(clips);
        AddClip(store, "incident-1", 400 * 1024, held: true);
        AddClip(store, "incident-2", 300 * 1024, held: true);
        AddClip(store, "ordinary", 300 * 1024, held: false);
        var before = Directory.GetFileSystemEntries(clips, "*", SearchOption.AllDirectories).Order().ToList();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ConfigVerb.Check(WriteConfig(clips), [string.Create(CultureInfo.InvariantCulture, $"Video:HeldQuotaWarningShare={share}")], output, error);

        Assert.Equal((ExitCodes.Ok, ""), (exit, error.ToString()));
        Assert.Equal(warned, output.ToString().Contains(
            string.Create(CultureInfo.InvariantCulture,
                $"warning: 2 held clip(s) in {clips} use 0.7 MiB, 68.4 % of Video:ClipQuotaBytes (1 MiB), more than Video:HeldQuotaWarningShare ({share})"),
            StringComparison.Ordinal));
        Assert.Equal(before, Directory.GetFileSystemEntries(clips, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void A_missing_clip_folder_is_no_warning_and_is_not_created()
    {
        var clips = Path.Combine(_folder.Path, "no-clips-yet");
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.Ok, ConfigVerb.Check(WriteConfig(clips), [], output, error));

        Assert.DoesNotContain("held clip", output.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(clips));
    }

    private string WriteConfig(string clips)
    {
        var config = _folder.File("mailroom-edge.json");
        File.WriteAllText(config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.Path}}/data", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } },
              "Cameras": { "lobby": { "Url": "rtsp://10.0.0.5/live", "Doors": [ "front" ] } },
              "Video": { "ClipDirectory": "{{clips}}", "ClipQuotaBytes": {{Quota}} } }
            """);
        return config;
    }

    private static void AddClip(ClipStore store, string id, long declaredBytes, bool held) =>
        TestClips.Commit(store, id, DateTimeOffset.UnixEpoch, declaredBytes, hold: held ? new ClipHold("ops-1", DateTimeOffset.UnixEpoch, "case 42") : null);

    public void Dispose() => _folder.Dispose();
}
