using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

public class WiegandDecodeCommandTests
{
    [Fact]
    public async Task A_valid_frame_prints_one_json_object()
    {
        var result = await EdgeProcess.RunAsync("wiegand", "decode", "10010101000000011111010010", "--format", "H10301");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"bits":26,"format":"H10301","facility":42,"number":1001,"parity":"ok"}""", result.Stdout.Trim());
    }

    [Theory]
    [InlineData("10010101000000011111010011", "parity")]
    [InlineData("1001010100000001111101001", "25 bits cannot be H10301")]
    [InlineData("10012", "'2' is not a bit")]
    public async Task A_bad_frame_prints_a_clear_error_and_exits_1(string bits, string expected)
    {
        var result = await EdgeProcess.RunAsync("wiegand", "decode", bits, "--format", "H10301");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Contains(expected, result.Stderr);
    }
}
