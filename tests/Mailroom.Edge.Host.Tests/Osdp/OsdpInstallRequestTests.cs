using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Demo;
using Mailroom.Edge.Host.Osdp;
using Mailroom.Edge.Testing;
using Xunit;
using Mailroom.Edge.Core.Text;

namespace Mailroom.Edge.Host.Tests.Osdp;

/// <summary><c>mailroom-edge osdp install</c>: what it checks, and the request the agent takes from the data directory.</summary>
public sealed class OsdpInstallRequestTests : IDisposable
{
    private readonly TempDirectory _data = new("osdp-install");

    private Mailroom.Edge.Host.Configuration.EdgeOptions Options()
    {
        var options = DemoOptions.Create(_data.Path, "127.0.0.1", 1883);
        options.Readers["entry"] = new Mailroom.Edge.Host.Configuration.ReaderOptions { Door = "front", Kind = Core.Readers.ReaderKind.Osdp, Port = "/dev/ttyUSB0" };
        return options;
    }

    [Fact]
    public void A_request_is_taken_once_with_its_window_and_removed()
    {
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, OsdpVerb.Install(Options(), "entry", TimeSpan.FromMinutes(10), output, TextWriter.Null));

        Assert.Equal([("entry", TimeSpan.FromMinutes(10))], OsdpInstallRequests.TakeAll(_data.Path));
        Assert.Empty(OsdpInstallRequests.TakeAll(_data.Path));
        Assert.Contains("reader entry", output.ToString());
    }

    [Theory]
    [InlineData("front-in", 600, "'front-in' is not a configured OSDP reader (OSDP readers: entry)")]
    [InlineData("entry", 10, "--for: install mode lasts 30 s to 60 min")]
    [InlineData("entry", 7200, "--for: install mode lasts 30 s to 60 min")]
    public void A_reader_that_is_not_osdp_or_a_window_out_of_range_is_refused_and_nothing_is_asked(string reader, int seconds, string expected)
    {
        var error = new StringWriter();

        Assert.Equal(ExitCodes.BadConfiguration, OsdpVerb.Install(Options(), reader, TimeSpan.FromSeconds(seconds), TextWriter.Null, error));
        Assert.Contains(expected, error.ToString());
        Assert.Empty(OsdpInstallRequests.TakeAll(_data.Path));
    }

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("90s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("00:05:00", 300)]
    public void The_window_is_typed_as_people_say_it(string text, int seconds)
    {
        Assert.True(DurationText.TryParse(text, out var window));
        Assert.Equal(TimeSpan.FromSeconds(seconds), window);
    }

    public void Dispose() => _data.Dispose();
}
