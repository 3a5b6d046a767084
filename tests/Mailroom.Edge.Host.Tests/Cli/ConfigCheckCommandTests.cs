using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

public sealed class ConfigCheckCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string WriteConfig(string json)
    {
        var path = _folder.File("mailroom-edge.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Good = """
        { "Site": "hq", "Device": "d1", "DataDirectory": "/tmp/unused", "Gpio": { "Chip": "simulated" },
          "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
          "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
        """;

    [Fact]
    public async Task A_good_configuration_passes()
    {
        var result = await EdgeProcess.RunAsync("config", "check", "--config", WriteConfig(Good));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("configuration ok: site hq, device d1", result.Stdout);
    }

    [Theory]
    [InlineData("Doors:front:GrantTime=00:10:00", "Doors:front:GrantTime:")]
    [InlineData("Readers:front-in:Door=back", "Readers:front-in:Door: 'back' is not a configured door")]
    [InlineData("Readers:front-in:D1=GPIO23", "Readers:front-in:D1: line 'GPIO23' is already used by Readers:front-in:D0")]
    [InlineData("Readers:front-in:D1=17", "Readers:front-in:D1: line '17' (offset 17) is already used by Doors:front:Strike:Line")]
    [InlineData("Readers:front-in:D1=GPIO99", "Readers:front-in:D1: chip simulated has no line 'GPIO99'")]
    [InlineData("Readers:front-in:Formats:0=H99999", "Readers:front-in:Formats:0: 'H99999' is not a known card format")]
    [InlineData("Mqtt:Port=70000", "Mqtt:Port: 70000 is not a TCP port")]
    [InlineData("Site=bad/site", "Site: 'bad/site' must be")]
    [InlineData("Doors:front:GrantTime=soon", "Doors:front:GrantTime")]
    [InlineData("Mqtt:Hots=x", "'Hots'")]
    [InlineData("Credentials:RequireSignedSync=true", "Credentials:RequireSignedSync: true, but no sync could ever be authorised")]
    [InlineData("Credentials:SnapshotTimeout=00:00:01", "Credentials:SnapshotTimeout: 00:00:01 is outside")]
    [InlineData("Credentials:SyncMemoryBytes=1024", "Credentials:SyncMemoryBytes: 1024 is outside")]
    public async Task A_bad_value_exits_2_naming_its_key(string setting, string expected)
    {
        var result = await EdgeProcess.RunAsync("config", "check", "--config", WriteConfig(Good), "--set", setting);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
    }

    [Fact]
    public async Task The_service_refuses_to_start_on_a_bad_configuration_before_touching_any_line()
    {
        var result = await EdgeProcess.RunAsync("run", "--config", WriteConfig(Good), "--set", "Site=");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Site: '' must be", result.Stderr);
    }

    [Fact]
    public async Task The_service_refuses_to_start_when_signed_sync_is_required_without_a_key()
    {
        var result = await EdgeProcess.RunAsync("run", "--config", WriteConfig(Good), "--set", "Credentials:RequireSignedSync=true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Credentials:RequireSignedSync: true, but no sync could ever be authorised: configure Commands:Keys", result.Stderr);
    }

    [Theory]
    [InlineData("config", "check")]
    [InlineData("run")]
    public async Task A_broken_file_is_one_line_naming_its_line_and_column_not_a_stack_trace(params string[] verb)
    {
        var file = WriteConfig(Good[..Good.IndexOf("\"Readers\"", StringComparison.Ordinal)]);

        var result = await EdgeProcess.RunAsync([.. verb, "--config", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"configuration error:\n{file}: line 3, column 3: Expected start of a property name or value, but instead reached end of data.", result.Stderr.Trim());
    }

    [Fact]
    public async Task The_service_refuses_a_section_given_as_a_value()
    {
        var result = await EdgeProcess.RunAsync("run", "--config", WriteConfig(Good.Replace("\"Site\"", "\"Mqtt\": 0, \"Site\"", StringComparison.Ordinal)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Mqtt: is a value where a section of keys belongs", result.Stderr);
    }

    [Fact]
    public async Task Safe_state_sets_every_strike_to_its_safe_value()
    {
        var result = await EdgeProcess.RunAsync("safe-state", "--config", WriteConfig(Good));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Doors:front:Strike:Line (GPIO17) set to its safe value", result.Stdout);
    }

    [Fact]
    public async Task Safe_state_fails_clearly_where_no_chip_exists()
    {
        var result = await EdgeProcess.RunAsync("safe-state", "--config", WriteConfig(Good), "--set", "Gpio:Chip=/dev/gpiochip-missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not found", result.Stderr);
    }

    public void Dispose() => _folder.Dispose();
}
