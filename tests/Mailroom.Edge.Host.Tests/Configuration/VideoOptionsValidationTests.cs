using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

public class VideoOptionsValidationTests
{
    private static EdgeOptions Options(CameraOptions camera) => new()
    {
        Site = "hq",
        Device = "edge-1",
        Doors = new() { ["front"] = new DoorOptions { Strike = new StrikeOptions { Line = "GPIO17" } } },
        Cameras = new() { ["lobby"] = camera },
    };

    [Fact]
    public void A_good_camera_passes()
    {
        var errors = EdgeOptionsValidator.Check(Options(new CameraOptions { Url = "rtsp://u:p@10.0.0.5/live", Doors = ["front"] }));
        Assert.DoesNotContain(errors, e => e.StartsWith("Cameras", StringComparison.Ordinal) || e.StartsWith("Video", StringComparison.Ordinal));
    }

    [Fact]
    public void Messages_name_the_key_and_never_the_password()
    {
        var errors = EdgeOptionsValidator.Check(Options(new CameraOptions
        {
            Url = "http://admin:hunter2@10.0.0.5/live",
            Doors = ["back"],
            PreRoll = TimeSpan.FromMinutes(10),
            Triggers = [" "],
        }));

        Assert.Contains("Cameras:lobby:Url: 'http://***@10.0.0.5/live' is not an rtsp:// URL", errors);
        Assert.Contains(errors, e => e.StartsWith("Cameras:lobby:Doors: 'back' is not a configured door", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cameras:lobby:PreRoll:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Cameras:lobby:Triggers:", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void Video_settings_are_checked_only_with_cameras()
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.Video.StallTimeout = TimeSpan.FromSeconds(1);
        options.Video.FfmpegPath = "/nonexistent/ffmpeg";
        var errors = EdgeOptionsValidator.Check(options);
        Assert.Contains(errors, e => e.StartsWith("Video:StallTimeout:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Video:FfmpegPath:", StringComparison.Ordinal));

        options.Cameras.Clear();
        Assert.DoesNotContain(EdgeOptionsValidator.Check(options), e => e.StartsWith("Video", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(301, true)]
    [InlineData(0, false)]
    [InlineData(300, false)]
    public void RingSeconds_is_bounded_by_the_clip_commands_limit(int seconds, bool refused)
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.Video.RingSeconds = seconds;
        Assert.Equal(refused, EdgeOptionsValidator.Check(options).Any(e => e.StartsWith("Video:RingSeconds:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(-0.1, true)]
    [InlineData(1.01, true)]
    [InlineData(double.NaN, true)]
    [InlineData(0.01, false)]
    [InlineData(1.0, false)]
    public void HeldQuotaWarningShare_is_a_share_above_0_up_to_1(double share, bool refused)
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.Video.HeldQuotaWarningShare = share;
        Assert.Equal(refused, EdgeOptionsValidator.Check(options).Any(e => e.StartsWith("Video:HeldQuotaWarningShare:", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("00:00:09", true)]
    [InlineData("1.00:00:01", true)]
    [InlineData("00:00:10", false)]
    [InlineData("00:10:00", false)]
    public void AckTimeout_is_bounded(string timeout, bool refused)
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.Video.AckTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(refused, EdgeOptionsValidator.Check(options).Any(e => e.StartsWith("Video:AckTimeout:", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_ring_keeps_RingSeconds_or_the_longest_pre_roll_plus_the_margin_whichever_is_longer()
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.Video.RingSeconds = 30;
        var settings = EdgeServices.VideoSettingsFrom(options);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RingLength(TimeSpan.FromSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(35), settings.RingLength(TimeSpan.FromSeconds(25)));
    }

    [Fact]
    public void Clips_default_to_the_data_directory()
    {
        var options = Options(new CameraOptions { Url = "rtsp://10.0.0.5/live" });
        options.DataDirectory = "/var/lib/mailroom-edge";
        Assert.Equal("/var/lib/mailroom-edge/clips", EdgeServices.VideoSettingsFrom(options).ClipDirectory);
    }

    [Fact]
    public void An_evidence_rule_with_categories_passes_and_none_is_the_default()
    {
        Assert.Empty(new CameraOptions().Evidence.Categories);
        var errors = EdgeOptionsValidator.Check(Options(new CameraOptions
        {
            Url = "rtsp://10.0.0.5/live",
            Doors = ["front"],
            Evidence = new CameraEvidenceOptions { Categories = ["delivery", "visitor"], Clip = true },
        }));
        Assert.DoesNotContain(errors, e => e.StartsWith("Cameras", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" delivery")]
    [InlineData("Delivery")]
    [InlineData("delivery\n")]
    public void An_evidence_category_that_could_never_match_is_refused_naming_the_key(string category)
    {
        var errors = EdgeOptionsValidator.Check(Options(new CameraOptions
        {
            Url = "rtsp://10.0.0.5/live",
            Evidence = new CameraEvidenceOptions { Categories = ["delivery", category] },
        }));
        var error = Assert.Single(errors, e => e.StartsWith("Cameras:lobby:Evidence:Categories: ", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void An_evidence_clip_without_categories_is_refused_naming_the_key()
    {
        var errors = EdgeOptionsValidator.Check(Options(new CameraOptions { Url = "rtsp://10.0.0.5/live", Evidence = new CameraEvidenceOptions { Clip = true } }));
        Assert.Contains(errors, e => e.StartsWith("Cameras:lobby:Evidence:Clip: is true but Evidence:Categories is empty", StringComparison.Ordinal));
    }
}
