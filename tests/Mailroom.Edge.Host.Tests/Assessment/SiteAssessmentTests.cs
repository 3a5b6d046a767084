using System.Security.Cryptography;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Assessment;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Assessment;

/// <summary>
/// The security self-assessment (issue #21): a site configured as docs/security.md recommends has no finding; each
/// weakness, made by one setting, brings exactly its finding, which goes away with the setting.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SiteAssessmentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _folder = new();
    private readonly string _config;

    public SiteAssessmentTests()
    {
        foreach (var name in new[] { "ca.crt", "device.crt", "device.key" })
            File.WriteAllText(_folder.File(name), "");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportSubjectPublicKeyInfoPem().ReplaceLineEndings("\\n");
        _config = _folder.File("site.json");
        File.WriteAllText(_config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.File("data")}}", "Gpio": { "Chip": "simulated" },
              "Mqtt": { "Host": "broker.example", "Port": 8883,
                        "Tls": { "Enabled": true, "CaFile": "{{_folder.File("ca.crt")}}", "CertFile": "{{_folder.File("device.crt")}}", "KeyFile": "{{_folder.File("device.key")}}" } },
              "Doors": { "post": { "Strike": { "Line": "GPIO17" }, "Dps": { "Line": "GPIO5" }, "Tamper": { "Line": "GPIO6" }, "HeldOpenTime": "00:00:30" } },
              "Readers": { "post-in": { "Door": "post", "Kind": "Osdp", "Port": "/dev/ttyAMA0", "Address": 1 } },
              "Cameras": { "post-cam": { "Url": "rtsp://camera.example/stream", "Doors": [ "post" ] } },
              "Credentials": { "MaxAge": "1.00:00:00" },
              "Clock": { "Source": "Timesyncd" },
              "Commands": { "Keys": { "ops": { "PublicKey": "{{pem}}", "Created": "2026-06-01T00:00:00Z" } } } }
            """);
    }

    private IReadOnlyList<Finding> Assess(string[] settings, SiteFacts? facts = null) =>
        SiteAssessment.Assess(EdgeConfiguration.Load(EdgeConfiguration.Build(_config, settings)), facts ?? Facts());

    private static SiteFacts Facts(long duplicatePins = 0, DateTimeOffset? listUpdated = null, bool synchronised = true, UnixFileMode configMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead) =>
        new(Now, new CredentialListStatus(7, 100, new string('0', 64), listUpdated ?? Now.AddHours(-1)) { DuplicatePins = duplicatePins }, synchronised,
            [new ProtectedFile("/etc/mailroom-edge/mailroom-edge.json", configMode, "the site configuration")]);

    [Fact]
    public void A_site_configured_as_recommended_has_no_finding() => Assert.Empty(Assess([]));

    /// <summary>One weakness each, made by one change to the recommended site.</summary>
    private static readonly Dictionary<string, Action<EdgeOptions>> Weaknesses = new()
    {
        ["broker_without_tls"] = o => o.Mqtt.Tls.Enabled = false,
        ["broker_without_client_certificate"] = o => o.Mqtt.Tls.CertFile = null,
        ["wiegand_reader"] = o => o.Readers["post-in"].Kind = Core.Readers.ReaderKind.Card,
        ["osdp_without_secure_channel"] = o => o.Readers["post-in"].Security = Core.Readers.Osdp.Panel.OsdpSecurity.None,
        ["nfc_uid_credential"] = o => o.Readers["post-in"].Kind = Core.Readers.ReaderKind.Nfc,
        ["door_without_dps"] = o => o.Doors["post"].Dps = null,
        ["door_without_tamper"] = o => o.Doors["post"].Tamper = null,
        ["held_open_too_long"] = o => o.Doors["post"].HeldOpenTime = TimeSpan.FromMinutes(5),
        ["pin_alone_door"] = o => o.Doors["post"].Mode = Core.Doors.DoorMode.CardOrPin,
        ["door_without_camera"] = o => o.Cameras["post-cam"].Doors = ["other"],
        ["operator_key_old"] = o => o.Commands.Keys["ops"].Created = Now.AddYears(-2),
        ["operator_key_undated"] = o => o.Commands.Keys["ops"].Created = null,
        ["credential_list_age_unbounded"] = o => o.Credentials.MaxAge = null,
        ["clock_not_checked"] = o => o.Clock.Source = "Assume",
        ["outbox_not_durable"] = o => o.Outbox.Durability = Storage.Sqlite.SqliteDurability.Normal,
    };

    public static TheoryData<string> WeaknessIds => [.. Weaknesses.Keys];

    [Theory]
    [MemberData(nameof(WeaknessIds))]
    public void One_change_brings_exactly_its_finding(string id)
    {
        var options = EdgeConfiguration.Load(EdgeConfiguration.Build(_config, []));
        Weaknesses[id](options);

        var findings = SiteAssessment.Assess(options, Facts());

        Assert.Equal([id], findings.Select(f => f.Id));
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Evidence) || string.IsNullOrWhiteSpace(f.Fix)));
    }

    [Fact]
    public void Without_operator_keys_commands_and_credential_sync_are_unsigned()
    {
        var options = EdgeConfiguration.Load(EdgeConfiguration.Build(_config, []));
        options.Commands.Keys.Clear();

        var findings = SiteAssessment.Assess(options, Facts()).Select(f => (f.Id, f.Severity));

        Assert.Equal([("unsigned_credential_sync", FindingSeverity.High), ("no_operator_keys", FindingSeverity.Medium)], findings);
    }

    [Fact]
    public void The_live_state_brings_its_findings_shared_pins_a_stale_list_an_unsynchronised_clock_a_readable_configuration()
    {
        var pinDoor = new[] { "Doors:post:Mode=PinOnly", "Credentials:PinIndexKey=c2ltdWxhdG9yLWV4YW1wbGUta2V5LW5vdC1zZWNyZXQ=" };

        Assert.Contains("shared_pins", Assess(pinDoor, Facts(duplicatePins: 2)).Select(f => f.Id));
        Assert.DoesNotContain("shared_pins", Assess(pinDoor, Facts(duplicatePins: 0)).Select(f => f.Id));
        Assert.DoesNotContain("shared_pins", Assess([], Facts(duplicatePins: 2)).Select(f => f.Id));
        Assert.Equal(["credential_list_stale"], Assess([], Facts(listUpdated: Now.AddDays(-2))).Select(f => f.Id));
        Assert.Equal(["clock_not_synchronised"], Assess([], Facts(synchronised: false)).Select(f => f.Id));
        Assert.Equal(["readable_by_others"], Assess([], Facts(configMode: UnixFileMode.UserRead | UnixFileMode.OtherRead)).Select(f => f.Id));
        Assert.Equal(["installer_page_on"], Assess([], Facts() with { InstallerPageUntil = Now.AddHours(2) }).Select(f => f.Id));
    }

    [Fact]
    public void A_fail_safe_maglock_and_a_free_exit_are_the_fire_codes_choice_and_never_a_finding() =>
        Assert.Empty(Assess(["Doors:post:Strike:EnergiseToUnlock=false", "Doors:post:Rex:Line=GPIO12", "Doors:post:ExitAction=Unlock"]));

    [Fact]
    public void The_command_exits_1_with_a_high_finding_and_0_without_and_prints_json()
    {
        Directory.CreateDirectory(_folder.File("data"));
        File.SetUnixFileMode(_config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(_folder.File("device.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(_folder.File("data"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var time = new ManualTimeProvider(Now);

        // Timesyncd has no flag file here (the clock counts as not synchronised: high); Assume is a medium finding.
        Assert.Equal(ExitCodes.Failed, AssessVerb.Run(_config, [], json: false, time, output, error));
        Assert.Contains("HIGH   clock_not_synchronised (clock)", output.ToString(), StringComparison.Ordinal);
        using var json = new StringWriter();
        Assert.Equal(ExitCodes.Ok, AssessVerb.Run(_config, ["Clock:Source=Assume"], json: true, time, json, error));
        using var parsed = System.Text.Json.JsonDocument.Parse(json.ToString());
        Assert.Equal(0, parsed.RootElement.GetProperty("high").GetInt32());
        Assert.Equal("clock_not_checked", parsed.RootElement.GetProperty("findings")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("config/lockdown-drill.json")]
    [InlineData("config/pin-only-door.json")]
    [InlineData("config/delivery-window.json")]
    public void The_shipped_examples_are_assessed_and_say_what_a_drill_site_lacks(string config)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Mailroom.Edge.sln")))
            dir = dir.Parent;
        var findings = SiteAssessment.Assess(EdgeConfiguration.Load(EdgeConfiguration.Build(Path.Combine(dir.FullName, config), [])), SiteFacts.None(Now));

        Assert.Contains("broker_without_tls", findings.Select(f => f.Id));
        Assert.Contains("wiegand_reader", findings.Select(f => f.Id));
    }

    public void Dispose() => _folder.Dispose();
}
