using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

/// <summary>The forms of <c>clip</c>: request (door, seconds), ack (clip id, sha256), resend (clip id, offset), hold and release (clip id, reason).</summary>
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

    [Fact]
    public void A_hold_or_release_carries_the_clip_id_and_an_optional_reason_of_up_to_200_characters()
    {
        var longest = new string('x', ClipHoldArguments.MaxReasonLength);
        Assert.Equal(new ClipHoldArguments("lobby-1", true, $"case 42 – Müller {longest[..10]}"),
            Parse($$"""{"action":"hold","clip_id":"lobby-1","reason":"case 42 – Müller {{longest[..10]}}"}"""));
        Assert.Equal(new ClipHoldArguments("lobby-1", true, longest), Parse($$"""{"action":"hold","clip_id":"lobby-1","reason":"{{longest}}"}"""));
        Assert.Equal(new ClipHoldArguments("lobby-1", false, null), Parse("""{"action":"release","clip_id":"lobby-1"}"""));
        Assert.Equal(new ClipHoldArguments("lobby-1", false, null), Parse("""{"action":"release","clip_id":"lobby-1","reason":null}"""));
    }

    [Fact]
    public void A_reason_one_character_too_long_is_refused()
    {
        using var json = JsonDocument.Parse($$"""{"action":"hold","clip_id":"lobby-1","reason":"{{new string('x', ClipHoldArguments.MaxReasonLength + 1)}}"}""");
        Assert.Null(CommandArgumentsParser.Parse(CommandNames.Clip, json.RootElement, out var said));
        Assert.Contains($"at most {ClipHoldArguments.MaxReasonLength} characters", said, StringComparison.Ordinal);
    }

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
    [InlineData("""{"action":"hold","clip_id":"../lobby-1"}""", "clip_id")]
    [InlineData("""{"action":"hold"}""", "missing field 'clip_id'")]
    [InlineData("""{"action":"hold","clip_id":"lobby-1","door":"front"}""", "unknown field 'door'")]
    [InlineData("""{"action":"release","clip_id":"lobby-1","reason":7}""", "reason must be a string")]
    [InlineData("""{"action":"hold","clip_id":"lobby-1","reason":"line one\nline two"}""", "without control characters")]
    [InlineData("""{"action":"hold","clip_id":"lobby-1","reason":"bell\u0007"}""", "without control characters")]
    [InlineData("""{"action":"hold","clip_id":"lobby-1","reason":"case \u202E24"}""", "without control characters")]
    [InlineData("""{"action":"hold","clip_id":"lobby-1","reason":"a\u2028b"}""", "without control characters")]
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
