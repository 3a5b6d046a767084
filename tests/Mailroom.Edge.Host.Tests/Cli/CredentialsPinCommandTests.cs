using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary><c>credentials hash-pin</c> and the shared-PIN reports of <c>credentials import|status</c> and
/// <c>config check</c>, run as the installer runs them: a separate process.</summary>
public sealed class CredentialsPinCommandTests : IDisposable
{
    private static readonly byte[] KeyBytes = [.. Enumerable.Range(7, 32).Select(i => (byte)i)];
    private static readonly PinIndexKey Key = new(KeyBytes);
    private readonly TempDirectory _folder = new();

    /// <param name="door">The front door's settings (JSON members).</param>
    /// <param name="key">Whether Credentials:PinIndexKey is set.</param>
    /// <param name="keypadDigits">When not 0, a keypad reader on the door with this PinMaxDigits.</param>
    private string Config(string door = "", bool key = true, int keypadDigits = 0)
    {
        var path = _folder.File("mailroom-edge.json");
        var keypad = keypadDigits == 0 ? "" : $$""", "front-keys": { "Door": "front", "D0": "GPIO5", "D1": "GPIO6", "Kind": "Keypad", "PinMaxDigits": {{keypadDigits}} }""";
        var credentials = key ? $$""", "Credentials": { "PinIndexKey": "{{Convert.ToBase64String(KeyBytes)}}" }""" : "";
        File.WriteAllText(path, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{_folder.File("data")}}", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } {{door}} } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } {{keypad}} } {{credentials}} }
            """);
        return path;
    }

    private static EnrolledCredential WithPin(ulong number, string pin, string? duress = null) =>
        new("H10301", 42, number, $"holder {number}", true, null, null)
        {
            PinHash = PinHash.Hash(pin, 1000), PinIndex = Key.Index(pin),
            DuressPinHash = duress is null ? null : PinHash.Hash(duress, 1000), DuressPinIndex = duress is null ? null : Key.Index(duress),
        };

    /// <summary>A CSV in the export format, with a comment line so that positions and line numbers differ.</summary>
    private string Csv(params EnrolledCredential[] credentials)
    {
        using var text = new StringWriter();
        CredentialCsv.Write(text, credentials);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines.Insert(1, "# enrolled at the front desk");
        var path = _folder.File("pins.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Field(string stdout, string name) =>
        stdout.Split('\n').Single(l => l.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..].Trim();

    [Fact]
    public async Task Hash_pin_reads_the_pin_on_stdin_and_prints_a_hash_that_verifies_and_the_index_for_the_key()
    {
        var result = await EdgeProcess.RunWithInputAsync("480213\n", "credentials", "hash-pin", "--config", Config());

        Assert.True(result.ExitCode == 0, result.Stderr);
        var hash = Field(result.Stdout, "pin_hash");
        Assert.True(PinHash.Verify("480213", hash));
        Assert.False(PinHash.Verify("480214", hash));
        Assert.Equal(Key.Index("480213"), Field(result.Stdout, "pin_index"));
        Assert.DoesNotContain("480213", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_pin_takes_no_pin_on_the_command_line()
    {
        var result = await EdgeProcess.RunWithInputAsync("", "credentials", "hash-pin", "480213", "--config", Config());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unrecognized command or argument '480213'", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("pin_hash: ", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12a4\n")]
    [InlineData("123\n")]
    [InlineData("12345678901234567\n")]
    [InlineData("")]
    public async Task Hash_pin_refuses_what_is_not_a_pin_of_4_to_16_digits(string stdin)
    {
        var result = await EdgeProcess.RunWithInputAsync(stdin, "credentials", "hash-pin", "--config", Config());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("standard input must hold one PIN of 4 to 16 digits (no keypad is configured", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Hash_pin_refuses_a_pin_longer_than_any_configured_keypad_takes()
    {
        var config = Config(keypadDigits: 6);

        var tooLong = await EdgeProcess.RunWithInputAsync("1234567\n", "credentials", "hash-pin", "--config", config);
        var longest = await EdgeProcess.RunWithInputAsync("123456\n", "credentials", "hash-pin", "--config", config);

        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("4 to 6 digits (the longest PIN a configured keypad takes is Readers:front-keys:PinMaxDigits 6", tooLong.Stderr, StringComparison.Ordinal);
        Assert.True(longest.ExitCode == 0, longest.Stderr);
        Assert.True(PinHash.Verify("123456", Field(longest.Stdout, "pin_hash")));
    }

    [Fact]
    public async Task Hash_pin_without_a_key_prints_only_the_hash_and_says_why()
    {
        var result = await EdgeProcess.RunWithInputAsync("4321\n", "credentials", "hash-pin", "--config", Config(key: false));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(PinHash.Verify("4321", Field(result.Stdout, "pin_hash")));
        Assert.DoesNotContain("pin_index", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("pin_index: not computed: Credentials:PinIndexKey is not set", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_with_shared_pins_imports_everything_warns_with_the_lines_and_status_counts_them()
    {
        var config = Config();
        // Lines (after the header and a comment): 3 PIN 1111, 4 PIN 2222, 5 PIN 1111, 6 PIN 3333 duress 2222, 7 PIN and duress 4444.
        var csv = Csv(WithPin(1, "1111"), WithPin(2, "2222"), WithPin(3, "1111"), WithPin(4, "3333", duress: "2222"), WithPin(5, "4444", duress: "4444"));

        var import = await EdgeProcess.RunAsync("credentials", "import", csv, "--config", config);
        var status = await EdgeProcess.RunAsync("credentials", "status", "--config", config);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.StartsWith("imported 5 credential(s)", import.Stdout, StringComparison.Ordinal);
        Assert.Contains("lines 3, 5 share a PIN", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("lines 4, 6 share a PIN", import.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, import.Stderr.Split('\n').Count(l => l.StartsWith("warning:", StringComparison.Ordinal)));
        Assert.Equal("2 (each is a PIN held by more than one credential: typed alone it is denied ambiguous_pin)", Field(status.Stdout, "duplicate_pins"));
    }

    [Fact]
    public async Task An_import_of_unique_pins_warns_of_nothing_and_status_counts_none()
    {
        var config = Config();

        var import = await EdgeProcess.RunAsync("credentials", "import", Csv(WithPin(1, "1111"), WithPin(2, "2222", duress: "2223")), "--config", config);
        var status = await EdgeProcess.RunAsync("credentials", "status", "--config", config);

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.DoesNotContain("warning", import.Stderr, StringComparison.Ordinal);
        Assert.Equal("0", Field(status.Stdout, "duplicate_pins"));
    }

    [Theory]
    [InlineData("PinOnly", true)]
    [InlineData("CardOrPin", true)]
    [InlineData("CardAndPin", false)]
    public async Task Config_check_warns_of_shared_pins_only_where_a_door_admits_by_pin_alone(string mode, bool warns)
    {
        var config = Config(door: $", \"Mode\": \"{mode}\"");
        Assert.Equal(0, (await EdgeProcess.RunAsync("credentials", "import", Csv(WithPin(1, "1111"), WithPin(2, "1111")), "--config", config)).ExitCode);

        var check = await EdgeProcess.RunAsync("config", "check", "--config", config);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Equal(warns, check.Stdout.Contains("warning: the credential list has 1 PIN(s) held by more than one credential; typed alone at front", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Config_check_with_a_pin_only_door_and_unique_pins_does_not_warn()
    {
        var config = Config(door: ", \"Mode\": \"PinOnly\"");
        Assert.Equal(0, (await EdgeProcess.RunAsync("credentials", "import", Csv(WithPin(1, "1111"), WithPin(2, "2222")), "--config", config)).ExitCode);

        var check = await EdgeProcess.RunAsync("config", "check", "--config", config);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.DoesNotContain("PIN(s) held by more than one credential", check.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
