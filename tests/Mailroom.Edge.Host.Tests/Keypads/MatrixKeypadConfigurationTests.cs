using System.Text.Json.Nodes;
using Mailroom.Edge.Host.Tests.Configuration;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Keypads;

/// <summary>Matrix keypads in <c>config check</c>: a good one passes; each wrong setting is refused naming its key.</summary>
public sealed class MatrixKeypadConfigurationTests : IDisposable
{
    private readonly SampleSite _site = new();

    private CheckResult CheckWith(string json)
    {
        var config = _site.Config();
        SampleSite.Set(config, "Readers:pad", JsonNode.Parse(json));
        return SampleSite.Check(_site.Write(config));
    }

    private const string Lines = """ "Rows": [ "GPIO2", "GPIO3", "GPIO16", "GPIO7" ], "Columns": [ "GPIO8", "GPIO9", "GPIO10" ] """;

    [Fact]
    public void A_four_by_three_pad_with_the_default_layout_passes()
    {
        var result = CheckWith($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}} }""");

        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Theory]
    [InlineData($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}}, "Keys": "123A456B789C*0#D" }""", "Readers:pad:Keys: '123A456B789C*0#D' has 16 keys, but 4 rows × 3 columns make 12")]
    [InlineData($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}}, "Keys": "123456789*0X" }""", "Readers:pad:Keys: '123456789*0X' has 'X'; keys are 0-9, *, # and A-D")]
    [InlineData("""{ "Door": "back", "Kind": "MatrixKeypad", "Columns": [ "GPIO8" ] }""", "Readers:pad:Rows: a matrix keypad needs its row lines")]
    [InlineData("""{ "Door": "back", "Kind": "MatrixKeypad", "Rows": [ "GPIO2", "GPIO17" ], "Columns": [ "GPIO8" ], "Keys": "12" }""", "Readers:pad:Rows:1: line 'GPIO17' is already used by Doors:front:Strike:Line")]
    [InlineData("""{ "Door": "back", "Kind": "MatrixKeypad", "Rows": [ "GPIO2", "GPIO3" ], "Columns": [ "GPIO3" ], "Keys": "12" }""", "Readers:pad:Columns:0: line 'GPIO3' is already used by Readers:pad:Rows:1")]
    [InlineData($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}}, "D0": "GPIO11" }""", "Readers:pad: a matrix keypad has no D0/D1 lines")]
    [InlineData($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}}, "ScanInterval": "00:00:00.1" }""", "Readers:pad:ScanInterval: 00:00:00.1000000 is outside 00:00:00.0020000..00:00:00.0500000")]
    [InlineData($$"""{ "Door": "back", "Kind": "MatrixKeypad", {{Lines}}, "ScanInterval": "00:00:00.040", "KeyDebounce": "00:00:00.020" }""", "Readers:pad:KeyDebounce: 00:00:00.0200000 is shorter than ScanInterval")]
    [InlineData("""{ "Door": "back", "D0": "GPIO14", "D1": "GPIO15", "Rows": [ "GPIO2" ] }""", "Readers:pad: Rows, Columns and Keys are for a MatrixKeypad reader; this one is Card")]
    public void A_wrong_matrix_setting_is_refused_naming_its_key(string json, string expected)
    {
        var result = CheckWith(json);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public void A_row_on_a_line_the_chip_does_not_have_is_refused_by_key()
    {
        var result = CheckWith("""{ "Door": "back", "Kind": "MatrixKeypad", "Rows": [ "GPIO2", "GPIO99" ], "Columns": [ "GPIO8" ], "Keys": "12" }""");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Readers:pad:Rows:1: chip simulated has no line 'GPIO99'", result.Stderr);
    }

    public void Dispose() => _site.Dispose();
}
