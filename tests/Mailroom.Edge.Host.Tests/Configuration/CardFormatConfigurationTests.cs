using System.Text;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

public class CardFormatConfigurationTests
{
    private const string SiteFormat = """
        "CardFormats": {
          "ACME-30": {
            "Length": 30,
            "Facility": "1-10",
            "Number": "11-28",
            "Parity": [
              { "Position": 0, "Sense": "Even", "Covers": "1-14" },
              { "Position": 29, "Sense": "Odd", "Covers": "15-28" }
            ]
          }
        }
        """;

    private static EdgeOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes("{" + json + "}")))
            .Build();
        var options = new EdgeOptions();
        configuration.Bind(options);
        return options;
    }

    private static List<string> Errors(EdgeOptions options, string prefix) =>
        EdgeOptionsValidator.Check(options).Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static string Reader(string formats, string kind = "Card") => $$"""
        "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
        "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24", "Kind": "{{kind}}", "Formats": [{{formats}}] } }
        """;

    [Fact]
    public void A_site_format_in_config_becomes_a_card_format_a_reader_may_accept()
    {
        var options = Bind(SiteFormat + "," + Reader("\"H10301\", \"ACME-30\""));

        Assert.Empty(Errors(options, "CardFormats"));
        Assert.Empty(Errors(options, "Readers"));
        var format = CardFormatBinding.Catalog(options).Find("acme-30")!;
        Assert.Equal(new BitRange(1, 10), format.Facility);
        var bits = CardFormatCodec.Encode(format, 1000, 200_000);
        Assert.Equal(new CardCredential("ACME-30", 1000, 200_000), CardFormatCodec.Decode(bits, format).Credential);
    }

    [Theory]
    [InlineData("\"Length\": 30, \"Number\": \"11-28,30\"", "CardFormats:Bad:Number: a field is one contiguous range")]
    [InlineData("\"Length\": 30, \"Number\": \"11-40\"", "CardFormats:Bad: format Bad: number bits 11..40 are outside the 30-bit frame")]
    [InlineData("\"Length\": 30, \"Number\": \"1-20\", \"Parity\": [{ \"Position\": 0, \"Sense\": \"Mark\", \"Covers\": \"1-20\" }]", "CardFormats:Bad:Parity:0:Sense: 'Mark' must be Even or Odd")]
    [InlineData("\"Length\": 30, \"Number\": \"1-20\", \"Parity\": [{ \"Position\": 0, \"Sense\": \"Odd\", \"Covers\": \"x\" }]", "CardFormats:Bad:Parity:0:Covers:")]
    public void Bad_site_formats_are_reported_by_key(string body, string expected)
    {
        var options = Bind($$"""
            "CardFormats": { "Bad": { {{body}} } }
            """);

        Assert.Contains(Errors(options, "CardFormats"), e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_format_cannot_take_a_shipped_name()
    {
        var options = Bind(SiteFormat.Replace("ACME-30", "H10301", StringComparison.Ordinal));

        Assert.Contains(Errors(options, "CardFormats:H10301"), e => e.Contains("shipped format", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reader_naming_an_unknown_format_lists_the_site_formats_too()
    {
        var options = Bind(SiteFormat + "," + Reader("\"ACME-31\""));

        var error = Assert.Single(Errors(options, "Readers:front-in:Formats:0"));
        Assert.Contains("ACME-30", error, StringComparison.Ordinal);
        Assert.Contains("C1000-35", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_format_list_replaces_the_default_instead_of_following_it()
    {
        Assert.Equal(["H10304", "H10302"], Bind(Reader("\"H10304\", \"H10302\"")).Readers["front-in"].EffectiveFormats);
        Assert.Equal(["H10301"], Bind(Reader("")).Readers["front-in"].EffectiveFormats);
    }

    [Fact]
    public void Reader_kind_binds_and_a_keypad_needs_no_formats()
    {
        var options = Bind(Reader("", kind: "keypad"));

        Assert.Equal(ReaderKind.Keypad, options.Readers["front-in"].Kind);
        Assert.Empty(Errors(options, "Readers"));
    }

    [Fact]
    public void Feedback_lines_are_claimed_and_patterns_parsed()
    {
        var options = Bind(Reader("\"H10301\"").Replace("\"Formats\"", """
            "Feedback": { "Led": "GPIO17", "GreenLed": "GPIO5", "Patterns": { "granted": "green+beep:100", "denied": "purple:100", "party": "red:1" } },
            "Formats"
            """, StringComparison.Ordinal));

        var errors = Errors(options, "Readers:front-in:Feedback");
        Assert.Contains(errors, e => e.StartsWith("Readers:front-in:Feedback:Led: wire either one", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Readers:front-in:Feedback:Led: line 'GPIO17' is already used by Doors:front:Strike:Line", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Readers:front-in:Feedback:Patterns:denied:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Readers:front-in:Feedback:Patterns:party: not a pattern name", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.StartsWith("Readers:front-in:Feedback:Patterns:granted", StringComparison.Ordinal));
    }
}
