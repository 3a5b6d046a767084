using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Commands;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

/// <summary>The forms of <c>installer</c>: enable (the setup code's hash, an optional window), disable (nothing else).</summary>
public class InstallerArgumentsParserTests
{
    // Made once: 600,000 iterations take a moment, and any well-formed hash of enough iterations will do.
    private static readonly string StrongHash = InstallerSetupCode.Hash("ABCDEFGH2345");

    [Fact]
    public void Enable_carries_the_hash_and_the_window_and_disable_nothing_else()
    {
        Assert.Equal(new InstallerArguments("enable", TimeSpan.FromMinutes(30), StrongHash),
            Parse($$"""{"action":"enable","duration_ms":1800000,"setup_code_hash":"{{StrongHash}}"}"""));
        Assert.Equal(new InstallerArguments("enable", null, StrongHash), Parse($$"""{"action":"enable","setup_code_hash":"{{StrongHash}}"}"""));
        Assert.Equal(new InstallerArguments("disable", null, null), Parse("""{"action":"disable"}"""));
        Assert.True(CommandNames.Actuates(CommandNames.Installer));
    }

    [Theory]
    [InlineData("""{"action":"enable"}""", "missing field 'setup_code_hash'")]
    [InlineData("""{"action":"enable","setup_code_hash":"ABCDEFGH2345"}""", "must be a pbkdf2-sha256 hash")]
    [InlineData("""{"action":"enable","setup_code_hash":"pbkdf2-sha256$600000$AAAA$AAAA"}""", "must be a pbkdf2-sha256 hash")]
    [InlineData("""{"action":"enable","setup_code_hash":7}""", "must be a pbkdf2-sha256 hash")]
    [InlineData("""{"action":"disable","setup_code_hash":"x"}""", "unknown field 'setup_code_hash'")]
    [InlineData("""{"action":"open"}""", "action must be one of enable, disable")]
    [InlineData("""{}""", "missing field 'action'")]
    public void A_malformed_command_is_refused_by_name(string args, string expected)
    {
        using var json = JsonDocument.Parse(args);
        Assert.Null(CommandArgumentsParser.Parse(CommandNames.Installer, json.RootElement, out var said));
        Assert.Contains(expected, said, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_hash_or_a_window_past_a_day_is_refused()
    {
        var weak = PinHash.Hash("ABCDEFGH2345", 1000);
        Assert.Contains("at least 600000 iterations", Refusal($$"""{"action":"enable","setup_code_hash":"{{weak}}"}"""), StringComparison.Ordinal);
        Assert.Contains("duration_ms must be an integer 1..86400000", Refusal($$"""{"action":"enable","duration_ms":86400001,"setup_code_hash":"{{StrongHash}}"}"""), StringComparison.Ordinal);
    }

    private static string Refusal(string args)
    {
        using var json = JsonDocument.Parse(args);
        Assert.Null(CommandArgumentsParser.Parse(CommandNames.Installer, json.RootElement, out var said));
        return said;
    }

    private static CommandArguments? Parse(string args)
    {
        using var json = JsonDocument.Parse(args);
        var parsed = CommandArgumentsParser.Parse(CommandNames.Installer, json.RootElement, out var problem);
        Assert.True(parsed is not null, problem);
        return parsed;
    }
}
