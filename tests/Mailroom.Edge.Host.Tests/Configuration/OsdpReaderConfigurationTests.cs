using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>OSDP readers in <c>config check</c>: what is refused, with one clear line each, and the plaintext warning.</summary>
public sealed class OsdpReaderConfigurationTests : IDisposable
{
    private readonly SampleSite _site = new();

    private CheckResult CheckWith(params (string Name, string Json)[] readers) => _site.CheckWithReaders(readers);

    private const string Entry = """{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Baud": 115200, "Address": 0 }""";

    [Fact]
    public void A_secure_channel_reader_pair_on_one_bus_passes_without_a_warning()
    {
        var result = CheckWith(("entry", Entry), ("exit", """{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Baud": 115200, "Address": 1, "Direction": "Exit" }"""));

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("warning: Readers:", result.Stdout);
    }

    [Theory]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Baud": 9600 }""", "Readers:r:Port: an OSDP reader needs its serial port")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Baud": 9601 }""", "Readers:r:Baud: 9601 is not one of 9600, 19200, 38400, 57600, 115200, 230400")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Address": 127 }""", "Readers:r:Address: 127 is outside 0..126")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "D0": "GPIO5" }""", "Readers:r: an OSDP reader has no D0/D1 lines")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Feedback": { "Beeper": "GPIO12" } }""", "Readers:r:Feedback: an OSDP reader's LED and buzzer are driven on its bus")]
    public void A_wrong_osdp_setting_is_refused_naming_its_key(string json, string expected)
    {
        var result = CheckWith(("r", json));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Theory]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Baud": 115200, "Address": 0 }""", "Readers:second:Address: 0 is also reader entry's on /dev/ttyUSB0")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Baud": 9600, "Address": 1 }""", "Readers:second:Baud: 9600 differs from reader entry's 115200 on the same port /dev/ttyUSB0")]
    [InlineData("""{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB1", "Address": 0, "Key": "entry" }""", "Readers:second:Key: 'entry' is also reader entry's key")]
    public void Readers_that_would_collide_on_a_bus_or_share_a_key_are_refused(string second, string expected)
    {
        var result = CheckWith(("entry", Entry), ("second", second));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void Plaintext_is_allowed_only_by_name_and_config_check_warns_about_it()
    {
        var result = CheckWith(("entry", """{ "Door": "front", "Kind": "Osdp", "Port": "/dev/ttyUSB0", "Security": "None" }"""));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: Readers:entry:Security: None: this OSDP reader talks in plaintext", result.Stdout);
    }

    public void Dispose() => _site.Dispose();
}
