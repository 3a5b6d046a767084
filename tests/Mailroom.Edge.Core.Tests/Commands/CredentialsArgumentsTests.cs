using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Testing.Commands;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

/// <summary>The <c>credentials</c> command's <c>args</c>: <c>sync</c>, and the authorisation of one snapshot or delta.</summary>
public sealed class CredentialsArgumentsTests : IDisposable
{
    private const string Hash = "9F2C0000000000000000000000000000000000000000000000000000000000AB";
    private readonly CommandTestKeys _keys = new();
    private readonly HostileCommandFactory _factory;

    public CredentialsArgumentsTests() =>
        _factory = new HostileCommandFactory(new DeviceIdentity("hq", "mailroom-1"), _keys, new ManualTimeProvider(), 8192);

    private CommandParseResult Parse(string args) =>
        CommandEnvelopeParser.Parse(_factory.Sign(_factory.Draft(CommandNames.Credentials, 1, JsonNode.Parse(args)!.AsObject())), 8192);

    [Fact]
    public void Sync_takes_no_other_field()
    {
        Assert.Equal(new CredentialsArguments("sync"), Parse("""{"action":"sync"}""").Command!.Arguments);
        Assert.Contains("action sync takes no other field", Parse("""{"action":"sync","version":3}""").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_authorisation_names_version_count_and_hash()
    {
        var args = Assert.IsType<CredentialsArguments>(Parse($$"""{"action":"snapshot","version":42,"count":2000000,"hash":"{{Hash}}"}""").Command!.Arguments);

        Assert.Equal(("snapshot", (long?)null, 42L, 2_000_000L, Hash.ToLowerInvariant()), (args.Action, args.FromVersion, args.Version, args.Count, args.Hash));
    }

    [Fact]
    public void A_delta_authorisation_also_names_its_start()
    {
        var args = Assert.IsType<CredentialsArguments>(Parse($$"""{"action":"delta","from_version":42,"version":43,"count":7,"hash":"{{Hash}}"}""").Command!.Arguments);
        var confirmation = Assert.IsType<CredentialsArguments>(Parse($$"""{"action":"delta","from_version":42,"version":42,"count":7,"hash":"{{Hash}}"}""").Command!.Arguments);

        Assert.Equal((42L, 43L), (args.FromVersion!.Value, args.Version));
        Assert.Equal((42L, 42L), (confirmation.FromVersion!.Value, confirmation.Version));
    }

    [Theory]
    [InlineData("""{"action":"snapshot","version":42,"count":1}""", "action snapshot takes exactly version, count, hash")]
    [InlineData("""{"action":"snapshot","version":42,"count":1,"hash":"H","from_version":41}""", "action snapshot takes exactly")]
    [InlineData("""{"action":"snapshot","version":0,"count":1,"hash":"H"}""", "version must be an integer 1..")]
    [InlineData("""{"action":"snapshot","version":"42","count":1,"hash":"H"}""", "version must be an integer")]
    [InlineData("""{"action":"snapshot","version":42,"count":-1,"hash":"H"}""", "count must be an integer 0..")]
    [InlineData("""{"action":"snapshot","version":42,"count":1,"hash":"abc"}""", "hash must be 64 hex digits")]
    [InlineData("""{"action":"snapshot","version":42,"count":1,"hash":7}""", "hash must be 64 hex digits")]
    [InlineData("""{"action":"delta","version":43,"count":1,"hash":"H"}""", "action delta takes exactly from_version, version, count, hash")]
    [InlineData("""{"action":"delta","from_version":40,"version":43,"count":1,"hash":"H"}""", "version = from_version + 1")]
    [InlineData("""{"action":"replace","version":43,"count":1,"hash":"H"}""", "action must be one of sync, snapshot, delta")]
    [InlineData("""{"action":"snapshot","version":42,"count":1,"hash":"H","extra":1}""", "unknown field 'extra'")]
    public void Anything_else_is_invalid_arguments_with_the_reason(string args, string problem)
    {
        var result = Parse(args.Replace("\"H\"", $"\"{Hash}\"", StringComparison.Ordinal));

        Assert.Null(result.Command);
        Assert.Equal(CommandReason.InvalidArguments, result.Reason);
        Assert.Contains(problem, result.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _keys.Dispose();
}
