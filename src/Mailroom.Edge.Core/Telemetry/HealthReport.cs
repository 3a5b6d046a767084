using System.Buffers;
using System.Text.Json;
using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Telemetry;

/// <summary>Writes the <c>{root}/health</c> payload (see docs/mqtt.md).</summary>
public static class HealthReport
{
    public static byte[] Serialize(
        DateTimeOffset now,
        long boot,
        TimeSpan uptime,
        OutboxStatus outbox,
        OutboxPublisherState broker,
        IEnumerable<IHealthContributor> contributors)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(contributors);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", WireNames.Timestamp(now));
            json.WriteNumber("boot", boot);
            json.WriteNumber("uptime_s", Math.Round(uptime.TotalSeconds));
            json.WriteStartObject("outbox");
            json.WriteNumber("pending", outbox.Pending);
            if (outbox.OldestPendingAt is { } oldest)
                json.WriteNumber("oldest_pending_age_s", Math.Max(0, Math.Round((now - oldest).TotalSeconds, 1)));
            else
                json.WriteNull("oldest_pending_age_s");
            json.WriteNumber("rows", outbox.Rows);
            json.WriteNumber("bytes", outbox.Bytes);
            json.WriteNumber("shed", outbox.Shed);
            json.WriteNumber("dead_lettered", outbox.DeadLettered);
            json.WriteBoolean("storage_ok", !outbox.StorageFailing);
            json.WriteNumber("held_in_memory", outbox.HeldInMemory);
            if (outbox.LastStorageError is { } storageError)
                json.WriteString("storage_error", storageError);
            json.WriteEndObject();
            json.WriteStartObject("broker");
            json.WriteBoolean("connected", broker.Connected);
            json.WriteNumber("connects", broker.Connects);
            json.WriteNumber("delivered", broker.Delivered);
            json.WriteNumber("refused", broker.Refused);
            json.WriteNumber("republished", broker.Republished);
            json.WriteNumber("replayed", broker.Replayed);
            json.WriteNumber("replay_failed", broker.ReplayFailed);
            json.WriteNumber("subscriptions", broker.Subscriptions);
            json.WriteNumber("subscriptions_expected", broker.SubscriptionsExpected);
            if (broker.LastError is { } lastError)
                json.WriteString("last_error", lastError);
            else
                json.WriteNull("last_error");
            json.WriteEndObject();
            foreach (var contributor in contributors)
                contributor.WriteHealth(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
