using System.Text.Json;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Cli;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

public class WiegandWatchTests
{
    [Fact]
    public void A_frame_is_printed_with_its_intervals_and_every_accepted_format()
    {
        var bits = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
        var frame = new WiegandFrame(WiegandFrameOutcome.Complete, bits, 26, null, 1_000_000, 51_000_000, 59_000_000, 1_990_000, 2_010_000);

        using var json = JsonDocument.Parse(WiegandWatch.Describe("front-in", frame, [CardFormats.H10301, CardFormats.H10304]));
        var root = json.RootElement;

        Assert.Equal("complete", root.GetProperty("outcome").GetString());
        Assert.Equal(bits.ToString(), root.GetProperty("raw").GetString());
        Assert.False(root.TryGetProperty("pulse_min_us", out _), "pulse widths are no longer measured");
        Assert.Equal(50, root.GetProperty("frame_ms").GetDouble());
        Assert.Equal(2010, root.GetProperty("interval_max_us").GetDouble());
        var decoded = root.GetProperty("decoded");
        Assert.Equal(1001, decoded[0].GetProperty("number").GetInt64());
        Assert.Contains("26 bits cannot be H10304", decoded[1].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Watch_fails_clearly_where_no_chip_exists()
    {
        var config = await WriteConfigAsync("/dev/gpiochip-missing");
        try
        {
            var result = await EdgeProcess.RunAsync("wiegand", "watch", "--reader", "front-in", "--config", config);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("not found", result.Stderr);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task A_users_stop_is_a_normal_end_and_exits_0()
    {
        // SIGTERM rather than SIGINT: a test run started in the background inherits SIGINT ignored, and so would the
        // watch; both signals take the same way out.
        var config = await WriteConfigAsync("simulated");
        try
        {
            var result = await EdgeProcess.RunUntilSignalledAsync("Ctrl-C to stop", "TERM", "wiegand", "watch", "--reader", "front-in", "--config", config);

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("watching reader front-in", result.Stderr);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task<string> WriteConfigAsync(string chip)
    {
        var config = Path.Combine(Path.GetTempPath(), $"watch-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "/tmp/unused", "Gpio": { "Chip": "{{chip}}" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
            """);
        return config;
    }
}
