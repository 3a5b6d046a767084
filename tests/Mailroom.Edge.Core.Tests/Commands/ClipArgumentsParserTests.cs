using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

/// <summary>The three forms of <c>clip</c>: request (door, seconds), ack (clip id, sha256), resend (clip id, offset).</summary>
public class ClipArgumentsParserTests
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public void A_request_names_a_door_and_seconds_with_or_without_the_action() =>
        Assert.All(
            [Parse("""{"door":"front","seconds":30}"""), Parse("""{"action":"request","door":"front","seconds":30}""")],
            a => Assert.Equal(new ClipArguments(new DoorId("front"), 30), a));

    [Fact]
    public void An_ack_carries_the_clip_id_and_its_hash_in_lower_case() =>
        Assert.Equal(new ClipAckArguments("lobby-20261122T120000Z-1a2b3c4d", Sha),
            Parse($$"""{"action":"ack","clip_id":"lobby-20261122T120000Z-1a2b3c4d","sha256":"{{Sha.ToUpperInvariant()}}"}"""));

    [Fact]
    public void A_resend_carries_the_clip_id_and_an_offset() =>
        Assert.Equal(new ClipResendArguments("lobby-1", 262144), Parse("""{"action":"resend","clip_id":"lobby-1","from_offset":262144}"""));

    [Theory]
    [InlineData("""{"door":"front","seconds":301}""", "seconds")]
    [InlineData("""{"door":"front","seconds":0}""", "seconds")]
    [InlineData("""{"action":"delete","clip_id":"lobby-1"}""", "action must be one of")]
    [InlineData("""{"action":7,"door":"front","seconds":3}""", "action must be one of")]
    [InlineData("""{"action":"ack","clip_id":"../../etc/passwd","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}""", "clip_id")]
    [InlineData("""{"action":"ack","clip_id":"lobby-1","sha256":"abc"}""", "sha256")]
    [InlineData("""{"action":"ack","clip_id":"lobby-1"}""", "missing field 'sha256'")]
    [InlineData("""{"action":"ack","clip_id":"lobby-1","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","door":"front"}""", "unknown field 'door'")]
    [InlineData("""{"action":"resend","clip_id":"lobby-1","from_offset":-1}""", "from_offset")]
    [InlineData("""{"action":"resend","clip_id":"lobby-1","from_offset":1.5}""", "from_offset")]
    [InlineData("""{"action":"resend","clip_id":"lobby-1","from_offset":0,"seconds":3}""", "unknown field 'seconds'")]
    public void Bad_arguments_are_refused_with_the_field_named(string args, string problem)
    {
        using var json = JsonDocument.Parse(args);
        Assert.Null(CommandArgumentsParser.Parse(CommandNames.Clip, json.RootElement, out var said));
        Assert.Contains(problem, said, StringComparison.Ordinal);
    }

    private static CommandArguments? Parse(string args)
    {
        using var json = JsonDocument.Parse(args);
        var parsed = CommandArgumentsParser.Parse(CommandNames.Clip, json.RootElement, out var problem);
        Assert.True(parsed is not null, problem);
        return parsed;
    }
}
