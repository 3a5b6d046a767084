using System.Buffers;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Storage.Outbox;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary><c>diagnostics</c>: the agent's health now — connection, outbox backlog, loops, clock, doors, the live
/// credential list (version, count, hash: what <c>mailroomctl credentials push</c> reads) — in <c>data</c>.</summary>
public sealed class DiagnosticsCommandHandler(
    OutboxPublisher publisher,
    SqliteOutbox outbox,
    BootInfo boot,
    LoopHeartbeats loops,
    DoorAssembly assembly,
    EdgeOptions options,
    IClockSync clock,
    ICredentialListInfo credentials,
    TimeProvider time) : ICommandHandler
{
    private readonly long _started = time.GetTimestamp();

    public string Name => CommandNames.Diagnostics;

    public ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var state = publisher.State;
            json.WriteStartObject();
            json.WriteNumber("boot", boot.Boot);
            json.WriteNumber("uptime_s", (long)time.GetElapsedTime(_started).TotalSeconds);
            json.WriteBoolean("clock_synchronised", clock.IsSynchronised);
            json.WriteBoolean("connected", state.Connected);
            if (state.ConnectedSince is { } since)
                json.WriteString("connected_since", WireNames.Timestamp(since));
            json.WriteNumber("connects", state.Connects);
            json.WriteNumber("delivered", state.Delivered);
            json.WriteNumber("outbox_pending", outbox.PendingCount());
            if (state.LastError is { } error)
                json.WriteString("last_error", error);
            json.WriteString("health", loops.FindProblem() ?? "ok");
            json.WriteStartObject("doors");
            foreach (var door in options.Doors.Keys)
                json.WriteString(door, assembly.Hardware.Strike(new DoorId(door)).IsReleased ? "unlocked" : "locked");
            json.WriteEndObject();
            CredentialHealthContributor.Write(json, credentials.Status);
            json.WriteEndObject();
        }
        return ValueTask.FromResult(CommandOutcome.Accepted(data: buffer.WrittenSpan.ToArray()));
    }
}
