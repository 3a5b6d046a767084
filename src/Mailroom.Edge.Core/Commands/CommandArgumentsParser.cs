using System.Text.Json;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Commands;

/// <summary>The <c>args</c> object of each command name, checked field by field (docs/mqtt.md, "Command arguments").</summary>
internal static class CommandArgumentsParser
{
    /// <summary>An hour: far above any configured limit, low enough that no arithmetic on it can overflow.</summary>
    private const long MaxDurationMs = 3_600_000;

    public static CommandArguments? Parse(string name, JsonElement args, out string problem)
    {
        if (name == CommandNames.Clip && !ClipArguments.Actions.Contains(ClipAction(args)))
            return Problem(out problem, $"action must be one of {string.Join(", ", ClipArguments.Actions)}");
        var (allowed, required) = Fields(name, args);
        if (JsonFields.Check(args, allowed, required) is { } shape)
        {
            problem = shape;
            return null;
        }
        problem = "";
        switch (name)
        {
            case CommandNames.Unlock:
            {
                if (!JsonFields.TryName(args, "door", out var door))
                    return Problem(out problem, "door must be a door name");
                long? durationMs = null;
                if (args.TryGetProperty("duration_ms", out _))
                {
                    if (!JsonFields.TryInteger(args, "duration_ms", 1, MaxDurationMs, out var ms))
                        return Problem(out problem, $"duration_ms must be an integer 1..{MaxDurationMs}");
                    durationMs = ms;
                }
                return new UnlockArguments(new DoorId(door), durationMs is { } d ? TimeSpan.FromMilliseconds(d) : null);
            }
            case CommandNames.DoorMode:
                if (!JsonFields.TryName(args, "door", out var modeDoor))
                    return Problem(out problem, "door must be a door name");
                if (!JsonFields.TryChoice(args, "mode", DoorModeArguments.Modes, out var mode))
                    return Problem(out problem, $"mode must be one of {string.Join(", ", DoorModeArguments.Modes)}");
                return new DoorModeArguments(new DoorId(modeDoor), mode);
            case CommandNames.Lockdown:
                if (args.GetProperty("active").ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return Problem(out problem, "active must be true or false");
                return new LockdownArguments(args.GetProperty("active").GetBoolean());
            case CommandNames.Credentials:
                return ParseCredentials(args, out problem);
            case CommandNames.Installer:
                return ParseInstaller(args, out problem);
            case CommandNames.OsdpInstall:
            {
                if (!JsonFields.TryName(args, "reader", out var reader))
                    return Problem(out problem, "reader must be a reader name");
                long? windowMs = null;
                if (args.TryGetProperty("duration_ms", out _))
                {
                    if (!JsonFields.TryInteger(args, "duration_ms", 1, MaxDurationMs, out var ms))
                        return Problem(out problem, $"duration_ms must be an integer 1..{MaxDurationMs}");
                    windowMs = ms;
                }
                return new OsdpInstallArguments(reader, windowMs is { } w ? TimeSpan.FromMilliseconds(w) : null);
            }
            case CommandNames.Replay:
                if (!JsonFields.TryInteger(args, "from_seq", 1, JsonFields.MaxSafeInteger, out var from)
                    || !JsonFields.TryInteger(args, "to_seq", from, JsonFields.MaxSafeInteger, out var to))
                    return Problem(out problem, "from_seq and to_seq must be integers with 1 <= from_seq <= to_seq");
                if (to - from + 1 > ReplayArguments.MaxSpan)
                    return Problem(out problem, $"one replay covers at most {ReplayArguments.MaxSpan} events");
                return new ReplayArguments(from, to);
            case CommandNames.Clip when ClipAction(args) == "ack":
                if (!JsonFields.TryClipId(args, "clip_id", out var ackedClip))
                    return Problem(out problem, "clip_id must be 1-128 characters of a-z, A-Z, 0-9, '-' or '_'");
                if (!JsonFields.TrySha256(args, "sha256", out var sha256))
                    return Problem(out problem, "sha256 must be 64 hexadecimal digits");
                return new ClipAckArguments(ackedClip, sha256);
            case CommandNames.Clip when ClipAction(args) == "resend":
                if (!JsonFields.TryClipId(args, "clip_id", out var resentClip))
                    return Problem(out problem, "clip_id must be 1-128 characters of a-z, A-Z, 0-9, '-' or '_'");
                if (!JsonFields.TryInteger(args, "from_offset", 0, JsonFields.MaxSafeInteger, out var fromOffset))
                    return Problem(out problem, "from_offset must be an integer >= 0");
                return new ClipResendArguments(resentClip, fromOffset);
            case CommandNames.Clip when ClipAction(args) is ClipHoldArguments.HoldAction or ClipHoldArguments.ReleaseAction:
                if (!JsonFields.TryClipId(args, "clip_id", out var heldClip))
                    return Problem(out problem, "clip_id must be 1-128 characters of a-z, A-Z, 0-9, '-' or '_'");
                if (!JsonFields.TryNote(args, "reason", ClipHoldArguments.MaxReasonLength, out var reason))
                    return Problem(out problem, $"reason must be a string of at most {ClipHoldArguments.MaxReasonLength} characters without control characters");
                return new ClipHoldArguments(heldClip, ClipAction(args) == ClipHoldArguments.HoldAction, reason);
            case CommandNames.Clip:
                if (!JsonFields.TryName(args, "door", out var clipDoor))
                    return Problem(out problem, "door must be a door name");
                if (!JsonFields.TryInteger(args, "seconds", 1, ClipArguments.MaxSeconds, out var seconds))
                    return Problem(out problem, $"seconds must be an integer 1..{ClipArguments.MaxSeconds}");
                return new ClipArguments(new DoorId(clipDoor), (int)seconds);
            default:
                return EmptyArguments.Instance;
        }
    }

    /// <summary>The clip command's form: <c>request</c> (no action), <c>ack</c>, <c>resend</c>, <c>hold</c> or <c>release</c>.</summary>
    private static string ClipAction(JsonElement args) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty("action", out var action)
            ? action.ValueKind == JsonValueKind.String ? action.GetString()! : "?"
            : "request";

    private static (string[] Allowed, string[] Required) Fields(string name, JsonElement args) => name switch
    {
        CommandNames.Clip => ClipAction(args) switch
        {
            "ack" => (["action", "clip_id", "sha256"], ["action", "clip_id", "sha256"]),
            "resend" => (["action", "clip_id", "from_offset"], ["action", "clip_id", "from_offset"]),
            ClipHoldArguments.HoldAction or ClipHoldArguments.ReleaseAction => (["action", "clip_id", "reason"], ["action", "clip_id"]),
            _ => (["action", "door", "seconds"], ["door", "seconds"]),
        },
        CommandNames.Unlock => (["door", "duration_ms"], ["door"]),
        CommandNames.DoorMode => (["door", "mode"], ["door", "mode"]),
        CommandNames.Lockdown => (["active"], ["active"]),
        CommandNames.Credentials => (["action", "from_version", "version", "count", "hash"], ["action"]),
        CommandNames.Replay => (["from_seq", "to_seq"], ["from_seq", "to_seq"]),
        CommandNames.OsdpInstall => (["reader", "duration_ms"], ["reader"]),
        CommandNames.Installer => InstallerAction(args) == InstallerArguments.EnableAction
            ? (["action", "duration_ms", "setup_code_hash"], ["action", "setup_code_hash"])
            : (["action"], ["action"]),
        _ => ([], []),
    };

    private static string? InstallerAction(JsonElement args) =>
        args.ValueKind == JsonValueKind.Object && args.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String ? action.GetString() : null;

    private static CommandArguments? ParseInstaller(JsonElement args, out string problem)
    {
        problem = "";
        if (!JsonFields.TryChoice(args, "action", InstallerArguments.Actions, out var action))
            return Problem(out problem, $"action must be one of {string.Join(", ", InstallerArguments.Actions)}");
        if (action == InstallerArguments.DisableAction)
            return new InstallerArguments(action, null, null);
        TimeSpan? duration = null;
        if (args.TryGetProperty("duration_ms", out _))
        {
            if (!JsonFields.TryInteger(args, "duration_ms", 1, (long)InstallerArguments.LongestWindow.TotalMilliseconds, out var ms))
                return Problem(out problem, $"duration_ms must be an integer 1..{(long)InstallerArguments.LongestWindow.TotalMilliseconds}");
            duration = TimeSpan.FromMilliseconds(ms);
        }
        var hash = args.GetProperty("setup_code_hash");
        if (hash.ValueKind != JsonValueKind.String || hash.GetString() is not { Length: <= 200 } text || Access.PinHash.IterationsOf(text) is not { } iterations)
            return Problem(out problem, "setup_code_hash must be a pbkdf2-sha256 hash (pbkdf2-sha256$ITERATIONS$SALT$HASH, base64, 16- and 32-byte)");
        if (iterations < InstallerArguments.MinimumIterations)
            return Problem(out problem, $"setup_code_hash must have at least {InstallerArguments.MinimumIterations} iterations");
        return new InstallerArguments(action, duration, text);
    }

    private static CommandArguments? ParseCredentials(JsonElement args, out string problem)
    {
        problem = "";
        if (!JsonFields.TryChoice(args, "action", CredentialsArguments.Actions, out var action))
            return Problem(out problem, $"action must be one of {string.Join(", ", CredentialsArguments.Actions)}");
        var fields = args.EnumerateObject().Select(p => p.Name).Where(n => n != "action").ToHashSet(StringComparer.Ordinal);
        string[] expected = action switch
        {
            CredentialsArguments.Snapshot => ["version", "count", "hash"],
            CredentialsArguments.Delta => ["from_version", "version", "count", "hash"],
            _ => [],
        };
        if (!fields.SetEquals(expected))
            return Problem(out problem, expected.Length == 0 ? $"action {action} takes no other field" : $"action {action} takes exactly {string.Join(", ", expected)}");
        if (action == CredentialsArguments.Sync)
            return new CredentialsArguments(action);
        // Version 0 is the agent's own (unsynced) list: a delta may start there, a sync never ends there.
        if (!JsonFields.TryInteger(args, "version", 1, JsonFields.MaxSafeInteger, out var version))
            return Problem(out problem, $"version must be an integer 1..{JsonFields.MaxSafeInteger}");
        if (!JsonFields.TryInteger(args, "count", 0, JsonFields.MaxSafeInteger, out var count))
            return Problem(out problem, $"count must be an integer 0..{JsonFields.MaxSafeInteger}");
        var hash = args.GetProperty("hash") is { ValueKind: JsonValueKind.String } h ? h.GetString()! : "";
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            return Problem(out problem, "hash must be 64 hex digits (the content hash, SHA-256)");
        long? from = null;
        if (action == CredentialsArguments.Delta)
        {
            if (!JsonFields.TryInteger(args, "from_version", 0, JsonFields.MaxSafeInteger, out var fromVersion)
                || (version != fromVersion + 1 && version != fromVersion))
                return Problem(out problem, "from_version must be an integer with version = from_version + 1 (or = from_version to confirm a list)");
            from = fromVersion;
        }
        return new CredentialsArguments(action) { FromVersion = from, Version = version, Count = count, Hash = hash.ToLowerInvariant() };
    }

    private static CommandArguments? Problem(out string problem, string text)
    {
        problem = text;
        return null;
    }
}
