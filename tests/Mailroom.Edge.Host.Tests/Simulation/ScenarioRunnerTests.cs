using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Simulation;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Simulation;

public sealed class ScenarioRunnerTests
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mailroom.Edge.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    private static EdgeOptions Options(string config) =>
        EdgeConfiguration.Load(EdgeConfiguration.Build(RepoFile(config), []));

    private static (bool Ok, string Output, string Errors) Run(string script, string config = "config/lockdown-drill.json", Action<EdgeOptions>? configure = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var options = Options(config);
        configure?.Invoke(options);
        using var runner = new ScenarioRunner(options, output, errors);
        var ok = runner.Run(ScenarioScript.Parse(new StringReader(script)));
        return (ok, output.ToString(), errors.ToString());
    }

    [Fact]
    public void The_shipped_lockdown_drill_meets_every_expectation()
    {
        var (ok, output, errors) = Run(File.ReadAllText(RepoFile("config/lockdown-drill.scenario")));

        Assert.True(ok, errors);
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("{\"id\":", line, StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_pin_only_door_example_meets_every_expectation()
    {
        var (ok, output, errors) = Run(File.ReadAllText(RepoFile("config/pin-only-door.scenario")), "config/pin-only-door.json");

        Assert.True(ok, errors);
        Assert.Contains("\"reason\":\"ambiguous_pin\"", output, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"alarm.duress\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_delivery_window_example_meets_every_expectation()
    {
        var (ok, output, errors) = Run(File.ReadAllText(RepoFile("config/delivery-window.scenario")), "config/delivery-window.json");

        Assert.True(ok, errors);
        Assert.Contains("\"reason\":\"uses_exhausted\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_delivery_window_example_fails_if_the_one_time_pass_had_no_limit()
    {
        var script = File.ReadAllText(RepoFile("config/delivery-window.scenario")).Replace(" max-uses=1 ", " ", StringComparison.Ordinal);

        var (ok, _, errors) = Run(script, "config/delivery-window.json");

        Assert.False(ok);
        Assert.Contains("uses_exhausted", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pin_only_door_example_fails_if_a_shared_pin_were_to_open_the_door()
    {
        // The same script with Alan's PIN made unique: the shared-PIN step's expectation must now fail.
        var script = File.ReadAllText(RepoFile("config/pin-only-door.scenario")).Replace("groups=post,night pin=2468", "groups=post,night pin=2469", StringComparison.Ordinal);

        var (ok, _, errors) = Run(script, "config/pin-only-door.json");

        Assert.False(ok);
        Assert.Contains("ambiguous_pin", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmet_expectation_fails_the_run_and_names_its_line()
    {
        var (ok, _, errors) = Run("""
            open front
            expect event door.open
            """);

        Assert.False(ok);
        Assert.Contains("line 2", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_bits_pins_and_interlocks_run_through_the_real_decoder_and_rules()
    {
        var (ok, _, errors) = Run("""
            start 2026-01-05T10:00:00Z
            credential H10301 42 1001 holder=Ada groups=staff pin=1234
            card inner-in bits=10010101000000011111010010
            expect event access.pending reason=awaiting_second_factor
            pin inner-in 1234
            expect event access.granted holder=Ada
            expect strike inner released
            card front-in H10301 facility=42 number=1001
            expect event access.denied reason=interlock
            wait 6s
            card front-in H10301 facility=42 number=1001
            expect event access.granted
            """);

        Assert.True(ok, errors);
    }

    [Fact]
    public void A_site_defined_card_format_listed_first_decodes_as_it_does_in_the_agent()
    {
        // The agent resolves a reader's formats from the shipped ones plus the site's CardFormats section; the simulator
        // must too, or a drill that passes here fails on the device (it used to throw a NullReferenceException).
        var (ok, _, errors) = Run("""
            start 2026-01-05T14:00:00Z
            credential ACME-30 5 77 holder=Bob groups=security
            credential H10301 42 1001 holder=Ada groups=security
            card front-in H10301 facility=42 number=1001
            expect event access.granted holder=Ada credential.format=H10301
            wait 10s
            card front-in ACME-30 facility=5 number=77
            expect event access.granted holder=Bob credential.format=ACME-30
            """, configure: options =>
        {
            options.CardFormats["ACME-30"] = new CardFormatOptions
            {
                Length = 30,
                Facility = "1-10",
                Number = "11-28",
                Parity = [new ParityOptions { Position = 0, Sense = "Even", Covers = "1-14" }, new ParityOptions { Position = 29, Sense = "Odd", Covers = "15-28" }],
            };
            options.Readers["front-in"].Formats = ["ACME-30", "H10301"];
        });

        Assert.True(ok, errors);
    }

    [Fact]
    public void An_nfc_card_tapped_in_a_drill_is_decided_by_its_uid_and_a_uid_no_card_has_is_rejected()
    {
        var (ok, _, errors) = Run("""
            start 2026-01-05T14:00:00Z
            credential Uid - 3735928559 holder=Uma groups=security
            tap front-nfc DEADBEEF
            expect event access.granted holder=Uma credential.format=Uid
            wait 10s
            tap front-nfc 0102030405
            expect event reader.frame_rejected bits=40
            expect no-event access.granted reader=front-nfc
            """, configure: options =>
            options.Readers["front-nfc"] = new ReaderOptions
            {
                Door = "front", Kind = Mailroom.Edge.Core.Readers.ReaderKind.Nfc, Chip = Mailroom.Edge.Devices.Nfc.NfcChipModel.Mfrc522, Bus = "Spi:0.0",
            });

        Assert.True(ok, errors);
    }

    [Theory]
    [InlineData("jump front", "unknown step 'jump'")]
    [InlineData("open nowhere", "door 'nowhere' has no Dps input")]
    [InlineData("wait soon", "'soon' is not a duration")]
    [InlineData("card front-in H10301 facility=42", "card needs number=N")]
    public void Script_errors_name_the_line(string script, string message)
    {
        var e = Assert.Throws<ScenarioException>(() => Run(script));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
