using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Testing.Commands;

/// <summary>
/// Makes valid commands and every kind of hostile one for a device: unsigned, bad or short signature, wrong key,
/// unknown and revoked issuer, tampered bytes, another device or site, expired, not yet valid, too long-lived,
/// replayed envelope or id, old counter, oversized, malformed, wrong types, unknown fields, too deep, unknown name,
/// bad arguments, retained, and a topic that does not match the signed name.
/// </summary>
public sealed class HostileCommandFactory(DeviceIdentity device, CommandTestKeys keys, TimeProvider time, int maxPayloadBytes)
{
    public DeviceIdentity Device => device;

    public string Topic(string name) => $"{device.TopicRoot}/cmd/{name}";

    public CommandDraft Draft(string name, long counter, JsonObject? args = null, string? id = null) => new(
        id ?? Guid.NewGuid().ToString("N"), name, device.Site, device.Device, CommandTestKeys.Operator, counter,
        time.GetUtcNow().AddSeconds(-1), time.GetUtcNow().AddMinutes(1), args ?? DefaultArgs(name));

    public byte[] Sign(CommandDraft draft, ECDsa? key = null) => CommandSigner.SignEnvelope(draft, key ?? keys.OperatorKey);

    public static JsonObject DefaultArgs(string name) => name switch
    {
        CommandNames.Unlock => new JsonObject { ["door"] = "front" },
        _ => [],
    };

    /// <summary>
    /// <paramref name="perKind"/> commands of every hostile kind. <paramref name="seeds"/> are envelopes already accepted
    /// (ids and counters <paramref name="seedCounterMax"/> and below are spent); fresh counters start above
    /// <paramref name="freshCounterBase"/> and are never consumed, because every one of these is refused first.
    /// </summary>
    public IEnumerable<HostileCommand> Generate(int perKind, IReadOnlyList<(string Id, byte[] Envelope)> seeds, long seedCounterMax, long freshCounterBase, int randomSeed)
    {
        var random = new Random(randomSeed);
        var counter = freshCounterBase;
        var now = time.GetUtcNow();
        for (var i = 0; i < perKind; i++)
        {
            var unlock = Draft(CommandNames.Unlock, ++counter);
            var bytes = CommandSigner.CommandBytes(unlock);
            var topic = Topic(CommandNames.Unlock);
            var expiredAt = now.AddSeconds(-1 - random.Next(3600));

            yield return new("unsigned", topic, Encoding.UTF8.GetBytes($"{{\"command\":{Encoding.UTF8.GetString(bytes)}}}"), false, CommandReason.BadSignature);
            yield return new("garbage_signature", topic, CommandSigner.Envelope(bytes, RandomBytes(random, 64)), false, CommandReason.BadSignature);
            yield return new("short_signature", topic, CommandSigner.Envelope(bytes, RandomBytes(random, 1 + random.Next(63))), false, CommandReason.BadSignature);
            yield return new("wrong_key", topic, Sign(unlock, keys.AttackerKey), false, CommandReason.BadSignature);
            yield return new("unknown_issuer", topic, Sign(unlock with { Issuer = "mallory" }, keys.AttackerKey), false, CommandReason.UnknownKey);
            yield return new("revoked_key", topic, Sign(unlock with { Issuer = CommandTestKeys.RevokedName }, keys.RevokedKey), false, CommandReason.RevokedKey);
            yield return new("tampered", topic, Tamper(bytes, Sign(unlock), random), false, CommandReason.BadSignature);
            yield return new("other_device", topic, Sign(unlock with { Device = device.Device + "-b" }), false, CommandReason.WrongDevice);
            yield return new("other_site", topic, Sign(unlock with { Site = device.Site + "-b" }), false, CommandReason.WrongDevice);
            yield return new("expired", topic, Sign(unlock with { IssuedAt = expiredAt.AddMinutes(-1), ExpiresAt = expiredAt }), false, CommandReason.Expired);
            yield return new("not_yet_valid", topic, Sign(unlock with { IssuedAt = now.AddHours(1), ExpiresAt = now.AddHours(1).AddMinutes(1) }), false, CommandReason.NotYetValid);
            yield return new("lifetime_too_long", topic, Sign(unlock with { ExpiresAt = now.AddDays(1) }), false, CommandReason.LifetimeTooLong);
            var seed = seeds[random.Next(seeds.Count)];
            yield return new("replayed_envelope", Topic(CommandNames.Diagnostics), seed.Envelope, false, CommandReason.ReplayedId);
            yield return new("replayed_id", topic, Sign(unlock with { Id = seed.Id }), false, CommandReason.ReplayedId);
            yield return new("old_counter", topic, Sign(unlock with { Counter = 1 + random.NextInt64(seedCounterMax) }), false, CommandReason.StaleCounter);
            yield return new("oversized", topic, Sign(unlock with { Args = new JsonObject { ["door"] = "front", ["pad"] = new string('x', maxPayloadBytes) } }), false, CommandReason.TooLarge);
            yield return new("malformed_json", topic, Malformed(Sign(unlock), random), false, CommandReason.Malformed);
            yield return new("wrong_type", topic, Replace(Sign(unlock), $"\"counter\":{unlock.Counter}", $"\"counter\":\"{unlock.Counter}\""), false, CommandReason.Malformed);
            yield return new("unknown_field", topic, Replace(Sign(unlock), "\"v\":1,", "\"v\":1,\"admin\":true,"), false, CommandReason.Malformed);
            yield return new("too_deep", topic, Sign(unlock with { Args = new JsonObject { ["door"] = new JsonObject { ["a"] = new JsonObject { ["b"] = new JsonArray(1) } } } }), false, CommandReason.Malformed);
            yield return new("unknown_command", Topic("self-destruct"), Replace(Sign(unlock), "\"name\":\"unlock\"", "\"name\":\"self-destruct\""), false, CommandReason.UnknownCommand);
            yield return new("bad_arguments", topic, Sign(unlock with { Args = new JsonObject { ["door"] = "front", ["duration_ms"] = -5 } }), false, CommandReason.InvalidArguments);
            yield return new("retained", topic, Sign(unlock), true, CommandReason.Retained);
            yield return new("topic_mismatch", Topic(CommandNames.Diagnostics), Sign(unlock), false, CommandReason.TopicMismatch);
        }
    }

    public const int Kinds = 24;

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Signs the original and then changes one meaningful value: the door, the counter, the duration or a time.</summary>
    private static byte[] Tamper(byte[] original, byte[] signedEnvelope, Random random)
    {
        var text = Encoding.UTF8.GetString(signedEnvelope);
        var tampered = random.Next(4) switch
        {
            0 => text.Replace("\"door\":\"front\"", "\"door\":\"back0\"", StringComparison.Ordinal),
            1 => text.Replace("\"counter\":", "\"counter\":9", StringComparison.Ordinal),
            2 => text.Replace("\"args\":{\"door\":\"front\"}", "\"args\":{\"door\":\"front\",\"duration_ms\":300000}", StringComparison.Ordinal),
            _ => text.Replace("\"expires_at\":\"20", "\"expires_at\":\"21", StringComparison.Ordinal),
        };
        if (tampered == text || original.Length == 0)
            throw new InvalidOperationException("tampering changed nothing");
        return Encoding.UTF8.GetBytes(tampered);
    }

    private static byte[] Malformed(byte[] envelope, Random random) => random.Next(6) switch
    {
        0 => envelope[..random.Next(1, envelope.Length - 1)],
        1 => RandomBytes(random, 1 + random.Next(200)),
        2 => Encoding.UTF8.GetBytes("[1,2,3]"),
        3 => [.. envelope, .. "{}"u8],
        4 => Encoding.UTF8.GetBytes("{\"command\":{},\"sig\":\"\",\"sig\":\"\"}"),
        _ => Encoding.UTF8.GetBytes(new string('[', 5000)),
    };

    private static byte[] Replace(byte[] envelope, string from, string to)
    {
        var text = Encoding.UTF8.GetString(envelope);
        if (!text.Contains(from, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{from}' not in {text}");
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }
}
