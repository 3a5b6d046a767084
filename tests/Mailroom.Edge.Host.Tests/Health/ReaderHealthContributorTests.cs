using System.Text.Json;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Health;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Health;

public class ReaderHealthContributorTests
{
    [Fact]
    public void Health_carries_each_readers_counters_and_last_frame()
    {
        var registry = new ReaderDiagnosticsRegistry(TimeProvider.System);
        var bits = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
        var front = registry.For(new ReaderId("front-in"));
        front.RecordFrame(new WiegandFrame(WiegandFrameOutcome.Complete, bits, 26, null, 0, 0, 0, 1_990_000, 2_010_000));
        front.RecordDecode(CardDecodeStatus.Ok);
        front.RecordFrame(new WiegandFrame(WiegandFrameOutcome.Noise, null, 0, "a glitch", 0, 0, 0, 0, 0));

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            new ReaderHealthContributor(registry).WriteHealth(json);
            json.WriteEndObject();
        }
        using var health = JsonDocument.Parse(stream.ToArray());
        var reader = health.RootElement.GetProperty("readers").GetProperty("front-in");

        Assert.Equal(1, reader.GetProperty("frames_ok").GetInt64());
        Assert.Equal(1, reader.GetProperty("noise").GetInt64());
        Assert.Equal(0, reader.GetProperty("parity_errors").GetInt64());
        Assert.Equal("a glitch", reader.GetProperty("last_problem").GetString());
        Assert.False(reader.TryGetProperty("last_pulse_min_us", out _), "pulse widths are no longer measured");
    }
}
