using System.Text.Json.Nodes;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary><c>config check</c> on the sample site (its back door is on the MCP23017 <c>relays</c>) with one expander
/// rule broken: each is refused naming its key and saying why.</summary>
public sealed class ExpanderConfigurationTests : IDisposable
{
    private readonly SampleSite _site = new();

    [Theory]
    [InlineData("Readers:front-in:D0", "\"relays:GPA0\"", "Readers:front-in:D0: 'relays:GPA0' is an expander line; Wiegand data lines must be SoC lines: a reader's pulses are about 50 µs wide")]
    [InlineData("Gpio:Expanders:relays:Interrupt", null, "Doors:back:Dps:Line: line 'relays:GPA1' is an input on expander 'relays', which has no Gpio:Expanders:relays:Interrupt")]
    [InlineData("Doors:back:Strike:Line", "\"board2:GPB0\"", "Doors:back:Strike:Line: line 'board2:GPB0' is on expander 'board2', which is not in Gpio:Expanders (configured: relays)")]
    [InlineData("Gpio:Expanders:relays:Interrupt", "\"relays:GPA7\"", "Gpio:Expanders:relays:Interrupt: 'relays:GPA7' is an expander line; INT must be wired to a SoC line")]
    [InlineData("Gpio:Expanders:relays:Interrupt", "\"GPIO17\"", "Gpio:Expanders:relays:Interrupt: line 'GPIO17' is already used by Doors:front:Strike:Line")]
    [InlineData("Gpio:Expanders:relays:Chip", "\"Pcf8574\"", "Doors:back:Strike:Line: PCF8574 at 0x20 on /dev/i2c-1 (relays) has no line 'GPB0'; its lines are P0..P7")]
    [InlineData("Doors:back:Dps:Bias", "\"PullDown\"", "Doors:back:Dps:Bias: PullDown on expander 'relays': an MCP23xxx has pull-ups only")]
    public void A_broken_expander_rule_is_refused_naming_its_key(string key, string? json, string expected)
    {
        var config = _site.Config();
        SampleSite.Set(config, key, json is null ? null : JsonNode.Parse(json), remove: json is null);

        var result = SampleSite.Check(_site.Write(config));

        Assert.True(result.ExitCode == 2 && result.Stderr.Contains(expected, StringComparison.Ordinal), result.Stdout + result.Stderr);
    }

    [Fact]
    public void The_sample_site_with_its_expander_passes()
    {
        var result = SampleSite.Check(_site.Write(_site.Config()));

        Assert.Equal(0, result.ExitCode);
    }

    public void Dispose() => _site.Dispose();
}
