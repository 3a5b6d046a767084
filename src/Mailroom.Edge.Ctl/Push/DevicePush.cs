using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Ctl.Mqtt;
using Mailroom.Edge.Ctl.Sending;
using Mailroom.Edge.Ctl.Settings;
using Mailroom.Edge.Ctl.Signing;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;

namespace Mailroom.Edge.Ctl.Push;

/// <summary>
/// Pushes one list to one device (docs/mqtt.md, "Credential sync"; docs/operations.md, "Pushing a credential list"):
/// asks the device what list it holds (a signed <c>diagnostics</c>), skips it when it holds this one, else signs the
/// <c>credentials</c> authorisation of exactly the sync it will send (version = the device's + 1, count, hash) and
/// waits for <c>accepted</c>, then publishes the snapshot chunks in key order (or the delta) and waits for the
/// device's <c>credentials.sync_result</c> of that version. Records an applied list in the state directory.
/// </summary>
internal sealed class DevicePush(CtlSettings settings, PushOptions options, PushList list, PushState state, TextWriter log)
{
    /// <summary>Test hook: alters a sync payload (chunk index, bytes) after the header was hashed and authorised, to
    /// show a tampered chunk is refused by the device along the real path.</summary>
    internal Func<int, byte[], byte[]>? AlterPayload { get; init; }

    public async Task<PushOutcome> RunAsync(string site, string device, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var run = new Run(device, started);
        if (state.Find(site, device) is { } known && known.Hash == list.Hash)
            return run.Outcome(PushResult.Applied, "none", known.Version, known.Count, null, "already applied (state directory); nothing sent");
        var root = $"mailroom/v1/{site}/{device}";
        try
        {
            await using var connection = await CtlConnection.OpenAsync(settings, [$"{root}/cmd-result/#", $"{root}/event/system"], options.AnswerTimeout);
            return await PushAsync(connection, site, device, root, run, cancellationToken);
        }
        catch (Exception e) when (e is MqttTransportException or CtlUsageException or IOException or UnauthorizedAccessException)
        {
            return run.Outcome(PushResult.Failed, "-", null, null, null, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // A field of the device's answer of another JSON type than the contract's (GetString on a number).
            return run.Outcome(PushResult.Failed, "-", null, null, null, $"an answer mailroomctl cannot read: {e.Message}");
        }
    }

    private async Task<PushOutcome> PushAsync(CtlConnection connection, string site, string device, string root, Run run, CancellationToken cancellationToken)
    {
        var held = await CommandAsync(connection, site, device, CommandNames.Diagnostics, [], cancellationToken);
        if (Refusal(held, "diagnostics", run) is { } noList)
            return noList;
        if (!held!.Value.TryGetProperty("data", out var data) || !data.TryGetProperty("credentials", out var live) || !live.TryGetProperty("hash", out var liveHash)
            || !live.TryGetProperty("version", out var liveVersionField) || !liveVersionField.TryGetInt64(out var liveVersion))
            return run.Outcome(PushResult.Rejected, "-", null, null, null, "the agent does not report its list's hash in diagnostics (upgrade it)");
        var hash = liveHash.GetString();
        if (hash == list.Hash && liveVersion >= 1)
        {
            state.RecordApplied(site, device, liveVersion, list, DateTimeOffset.UtcNow);
            return run.Outcome(PushResult.Applied, "none", liveVersion, list.Count, true, "already current; nothing sent");
        }

        var version = liveVersion + 1;
        var delta = options.Delta ? DeltaFrom(site, device, liveVersion, hash) : null;
        var authorised = await CommandAsync(connection, site, device, CommandNames.Credentials, Authorisation(version, delta), cancellationToken);
        if (Refusal(authorised, "the credentials authorisation", run) is { } refused)
            return refused with { Kind = Kind(delta), Version = version };

        var topic = $"{root}/sync/credentials";
        var index = 0;
        foreach (var payload in Payloads(version, delta))
        {
            var sent = AlterPayload?.Invoke(index++, payload) ?? payload;
            await connection.PublishBoundedAsync(topic, sent, cancellationToken);
        }
        await connection.DrainAsync(cancellationToken);
        if (connection.RefusedPublishes > 0)
            return run.Outcome(PushResult.Failed, Kind(delta), version, null, null, $"the broker refused {connection.RefusedPublishes} publish(es) on {topic} (its ACL?)");

        var result = await connection.WaitForAsync((t, json) => t == $"{root}/event/system" && IsSyncResult(json, version), options.ApplyTimeout, cancellationToken);
        if (result is not { } sync)
            return run.Outcome(PushResult.NoAnswer, Kind(delta), version, null, null, $"no credentials.sync_result within {options.ApplyTimeout.TotalSeconds:0} s");
        if (!sync.TryGetProperty("result", out var verdict) || verdict.GetString() != "applied")
            return run.Outcome(PushResult.Rejected, Kind(delta), version, null, null, sync.TryGetProperty("reason", out var reason) ? reason.GetString() : "rejected");
        state.RecordApplied(site, device, version, list, DateTimeOffset.UtcNow);
        var count = sync.TryGetProperty("count", out var c) && c.TryGetInt64(out var n) ? n : (long?)null;
        bool? hashEqual = sync.TryGetProperty("hash", out var h) ? h.GetString() == list.Hash : null;
        return run.Outcome(PushResult.Applied, Kind(delta), version, count, hashEqual, null);
    }

    /// <summary>The delta from the list the device holds, or null (and why, in the log) when only a snapshot will do.</summary>
    private CredentialDelta? DeltaFrom(string site, string device, long liveVersion, string? liveHash)
    {
        var known = state.Find(site, device);
        if (known is null || known.Version != liveVersion || known.Hash != liveHash)
        {
            log.WriteLine($"{device}: sending a full snapshot instead of a delta: the device holds version {liveVersion} (hash {Short(liveHash)}), " +
                (known is null ? "the state directory has no record of it" : $"the state directory records version {known.Version} (hash {Short(known.Hash)})"));
            return null;
        }
        if (state.LoadList(known.Hash) is not { } old)
        {
            log.WriteLine($"{device}: sending a full snapshot instead of a delta: the list of hash {Short(known.Hash)} is missing from {state.Directory}");
            return null;
        }
        return CredentialDeltaBuilder.Between(liveVersion, old, list.Credentials, list.Hash);
    }

    private JsonObject Authorisation(long version, CredentialDelta? delta)
    {
        var args = new JsonObject { ["action"] = delta is null ? CredentialsArguments.Snapshot : CredentialsArguments.Delta };
        if (delta is not null)
            args["from_version"] = delta.FromVersion;
        args["version"] = version;
        args["count"] = list.Count;
        args["hash"] = list.Hash;
        return args;
    }

    /// <summary>The snapshot's chunks in key order, each written just before it is published, or the one delta.</summary>
    private IEnumerable<byte[]> Payloads(long version, CredentialDelta? delta)
    {
        if (delta is not null)
        {
            yield return CredentialSyncWriter.Delta(delta);
            yield break;
        }
        var chunks = Math.Max(1, (list.Count + options.ChunkSize - 1) / options.ChunkSize);
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var first = chunk * options.ChunkSize;
            var rows = Enumerable.Range(first, Math.Min(options.ChunkSize, list.Count - first)).Select(i => list.Credentials[i]);
            yield return CredentialSyncWriter.SnapshotChunk(version, chunk, chunks, list.Count, list.Hash, rows);
        }
    }

    private async Task<JsonElement?> CommandAsync(CtlConnection connection, string site, string device, string name, JsonObject args, CancellationToken cancellationToken)
    {
        var (draft, envelope) = CommandComposer.Compose(name, args, site, device, settings);
        connection.Publish($"mailroom/v1/{site}/{device}/cmd/{name}", envelope);
        return await connection.WaitForAsync((_, json) => SendCommand.IsResultOf(json, draft.Id), options.AnswerTimeout, cancellationToken);
    }

    private PushOutcome? Refusal(JsonElement? result, string what, Run run)
    {
        if (result is not { } answer)
            return run.Outcome(PushResult.NoAnswer, "-", null, null, null, $"no answer to {what} within {options.AnswerTimeout.TotalSeconds:0} s (offline?)");
        var status = answer.TryGetProperty("result", out var s) ? s.GetString() : null;
        if (status == "accepted")
            return null;
        var reason = answer.TryGetProperty("reason", out var r) ? r.GetString() : null;
        var detail = answer.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? $": {d.GetString()}" : "";
        return run.Outcome(PushResult.Rejected, "-", null, null, null, $"{what} {status} ({reason}){detail}");
    }

    private static bool IsSyncResult(JsonElement json, long version) =>
        json.TryGetProperty("type", out var type) && type.GetString() == "credentials.sync_result"
        && json.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n == version;

    private static string Kind(CredentialDelta? delta) => delta is null ? CredentialsArguments.Snapshot : CredentialsArguments.Delta;

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] + "…" : hash ?? "none";

    private sealed record Run(string Device, long Started)
    {
        public PushOutcome Outcome(PushResult result, string kind, long? version, long? count, bool? hashEqual, string? detail) =>
            new(Device, result, kind, version, count, hashEqual, Stopwatch.GetElapsedTime(Started).TotalSeconds, detail);
    }
}
