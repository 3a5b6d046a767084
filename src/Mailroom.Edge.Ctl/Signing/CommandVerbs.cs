using System.CommandLine;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Ctl.Signing;

/// <summary>Every command of contract v1 as a verb (docs/mqtt.md, "Command arguments").</summary>
internal static class CommandVerbs
{
    private static readonly Option<string> Door = new("--door") { Description = "Door name", Required = true };
    private static readonly Option<int?> DurationMs = new("--duration-ms") { Description = "How long to unlock (default: the door's grant time)" };
    private static readonly Option<string> Mode = new("--mode") { Description = "normal, locked or unlocked", Required = true };
    private static readonly Option<bool> Active = new("--active") { Description = "true to lock down, false to lift it", Required = true };
    private static readonly Option<string> Action = new("--action")
    {
        Description = "sync (ask the server for a full snapshot), snapshot or delta (authorise exactly that sync)",
        DefaultValueFactory = _ => CredentialsArguments.Sync,
    };
    private static readonly Option<long?> FromVersion = new("--from-version") { Description = "delta: the version the delta starts from" };
    private static readonly Option<long?> ListVersion = new("--list-version") { Description = "snapshot, delta: the list's version after the sync" };
    private static readonly Option<long?> Count = new("--count") { Description = "snapshot, delta: the number of credentials after the sync" };
    private static readonly Option<string?> Hash = new("--hash") { Description = "snapshot, delta: the content hash after the sync (64 hex digits)" };
    private static readonly Option<long> From = new("--from") { Description = "First seq to replay", Required = true };
    private static readonly Option<long> To = new("--to") { Description = "Last seq to replay", Required = true };
    private static readonly Option<int> Seconds = new("--seconds") { Description = "Clip length in seconds", DefaultValueFactory = _ => 30 };
    private static readonly Option<string> Reader = new("--reader") { Description = "OSDP reader name", Required = true };
    private static readonly Option<int?> WindowMs = new("--duration-ms") { Description = "How long install mode may last, 30000..3600000 (default 10 min)" };

    public static readonly IReadOnlyList<CommandVerb> All =
    [
        new(CommandNames.Unlock, "Unlock a door momentarily", [Door, DurationMs], p =>
        {
            var args = new JsonObject { ["door"] = p.GetValue(Door) };
            if (p.GetValue(DurationMs) is { } ms)
                args["duration_ms"] = ms;
            return args;
        }),
        new(CommandNames.DoorMode, "Set a door's mode", [Door, Mode], p => new JsonObject { ["door"] = p.GetValue(Door), ["mode"] = p.GetValue(Mode) }),
        new(CommandNames.Lockdown, "Start or lift a lockdown", [Active], p => new JsonObject { ["active"] = p.GetValue(Active) }),
        new(CommandNames.Credentials, "Ask for a credential snapshot, or authorise one sync by its result", [Action, FromVersion, ListVersion, Count, Hash], CredentialsArgs),
        new(CommandNames.Replay, "Ask for events again by seq", [From, To], p => new JsonObject { ["from_seq"] = p.GetValue(From), ["to_seq"] = p.GetValue(To) }),
        new(CommandNames.Clip, "Record a camera clip", [Door, Seconds], p => new JsonObject { ["door"] = p.GetValue(Door), ["seconds"] = p.GetValue(Seconds) }),
        new(CommandNames.Diagnostics, "The agent's health now", [], _ => []),
        new(CommandNames.Config, "The agent's effective configuration (secrets redacted)", [], _ => []),
        new(CommandNames.OsdpInstall, "Open an OSDP reader's install window (default key, then a fresh key of its own)", [Reader, WindowMs], p =>
        {
            var args = new JsonObject { ["reader"] = p.GetValue(Reader) };
            if (p.GetValue(WindowMs) is { } ms)
                args["duration_ms"] = ms;
            return args;
        }),
        // sign / send installer: the enable form (a setup code made here, only its hash sent); disable is 'installer disable'.
        Installer.InstallerVerbs.Enable with { VerbName = null },
    ];

    // Only the options given go into args: the agent checks which fields each action needs and names what is missing.
    private static JsonObject CredentialsArgs(ParseResult p)
    {
        var args = new JsonObject { ["action"] = p.GetValue(Action) };
        if (p.GetValue(FromVersion) is { } from)
            args["from_version"] = from;
        if (p.GetValue(ListVersion) is { } version)
            args["version"] = version;
        if (p.GetValue(Count) is { } count)
            args["count"] = count;
        if (p.GetValue(Hash) is { } hash)
            args["hash"] = hash;
        return args;
    }
}
