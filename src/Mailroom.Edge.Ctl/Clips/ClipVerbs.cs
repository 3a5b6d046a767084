using System.CommandLine;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Ctl.Signing;

namespace Mailroom.Edge.Ctl.Clips;

/// <summary>The forms of the <c>clip</c> command as verbs under <c>mailroomctl clip</c> (docs/mqtt.md, "Command arguments").</summary>
internal static class ClipVerbs
{
    public static readonly Option<string> ClipId = new("--clip") { Description = "Clip id (from clip.ready or clip request)", Required = true };
    private static readonly Option<string> Sha256 = new("--sha256") { Description = "SHA-256 of the clip you hold (64 hex digits)", Required = true };
    private static readonly Option<long> FromOffset = new("--from-offset") { Description = "First byte to send again", DefaultValueFactory = _ => 0 };
    private static readonly Option<string?> Reason = new("--reason")
    {
        Description = $"Why (an incident number, a note): kept with the clip and published; at most {ClipHoldArguments.MaxReasonLength} characters",
    };

    public static CommandVerb Request => CommandVerbs.All.Single(v => v.Name == CommandNames.Clip) with { VerbName = "request" };

    public static readonly CommandVerb Ack = new(CommandNames.Clip, "Tell the device the server holds the clip (it may then be evicted first)", [ClipId, Sha256],
        p => AckArgs(p.GetValue(ClipId)!, p.GetValue(Sha256)!), "ack");

    public static readonly CommandVerb Resend = new(CommandNames.Clip, "Ask the device to send a clip again from an offset", [ClipId, FromOffset],
        p => ResendArgs(p.GetValue(ClipId)!, p.GetValue(FromOffset)), "resend");

    public static readonly CommandVerb Hold = new(CommandNames.Clip, "Keep a clip for an incident: retention never evicts it until it is released", [ClipId, Reason],
        p => HoldArgs(ClipHoldArguments.HoldAction, p.GetValue(ClipId)!, p.GetValue(Reason)), ClipHoldArguments.HoldAction);

    public static readonly CommandVerb Release = new(CommandNames.Clip, "Release a held clip: retention's normal rules apply to it again", [ClipId, Reason],
        p => HoldArgs(ClipHoldArguments.ReleaseAction, p.GetValue(ClipId)!, p.GetValue(Reason)), ClipHoldArguments.ReleaseAction);

    // The reason goes only when given: the agent keeps "no reason" apart from an empty one.
    private static JsonObject HoldArgs(string action, string clipId, string? reason)
    {
        var args = new JsonObject { ["action"] = action, ["clip_id"] = clipId };
        if (reason is not null)
            args["reason"] = reason;
        return args;
    }

    public static JsonObject AckArgs(string clipId, string sha256) => new() { ["action"] = "ack", ["clip_id"] = clipId, ["sha256"] = sha256 };

    public static JsonObject ResendArgs(string clipId, long fromOffset) => new() { ["action"] = "resend", ["clip_id"] = clipId, ["from_offset"] = fromOffset };
}
