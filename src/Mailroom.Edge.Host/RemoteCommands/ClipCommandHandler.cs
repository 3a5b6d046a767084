using System.Buffers;
using System.Text.Json;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Delivery;
using Mailroom.Edge.Video.Retention;

namespace Mailroom.Edge.Host.RemoteCommands;

/// <summary>
/// <c>clip</c> (docs/mqtt.md, "Command arguments"): <c>request</c> a clip of the last N seconds from the cameras at a
/// door — answered at once with the clip ids, each of which ends in <c>clip.ready</c> or <c>clip.missing</c>;
/// <c>ack</c>, the central server holds a clip (it may then be evicted first); <c>resend</c>, send a clip again from
/// an offset; <c>hold</c> / <c>release</c>, keep a clip out of retention's reach for an incident, or let it go again.
/// Acknowledgement is a signed command rather than an open topic because it weakens evidence retention; a hold is
/// signed because it spends the device's disk, and the signer's key name is recorded as who held it.
/// Registered only when cameras are configured; ack and resend need clip delivery (<c>Video:DeliverClips</c>).
/// </summary>
public sealed class ClipCommandHandler(VideoRecorder video, EdgeOptions options, ClipUploader? uploader = null) : ICommandHandler
{
    /// <summary>The uploader's loop answers within milliseconds; longer means it is not running.</summary>
    private static readonly TimeSpan UploaderAnswerTimeout = TimeSpan.FromSeconds(5);

    public string Name => CommandNames.Clip;

    public async ValueTask<CommandOutcome> HandleAsync(SignedCommand command, CancellationToken cancellationToken) => command.Arguments switch
    {
        ClipArguments request => Request(request),
        ClipAckArguments ack => await AcknowledgeAsync(ack, cancellationToken),
        ClipResendArguments resend => Resend(resend),
        ClipHoldArguments hold => await HoldAsync(hold, command.Issuer),
        _ => CommandOutcome.Failed($"unexpected arguments {command.Arguments.GetType().Name}"),
    };

    private CommandOutcome Request(ClipArguments args)
    {
        if (!options.Doors.ContainsKey(args.Door.Value))
            return CommandOutcome.Rejected(CommandReason.UnknownDoor, $"no door named '{args.Door}' (doors: {string.Join(", ", options.Doors.Keys)})");
        if (args.Seconds > video.RingLength.TotalSeconds)
            return CommandOutcome.Rejected(CommandReason.InvalidArguments,
                $"seconds {args.Seconds} is more than the ring keeps ({video.RingLength.TotalSeconds:0} s; Video:RingSeconds)");
        if (video.CamerasAt(args.Door.Value).Count == 0)
            return CommandOutcome.Rejected(CommandReason.InvalidArguments, $"no camera covers door '{args.Door}'");
        var clips = video.Request(args.Door.Value, TimeSpan.FromSeconds(args.Seconds));
        return CommandOutcome.Accepted($"{clips.Count} clip(s) of the last {args.Seconds} s at {args.Door}", Json(json =>
        {
            json.WriteStartArray("clips");
            foreach (var clip in clips)
                json.WriteStringValue(clip);
            json.WriteEndArray();
        }));
    }

    private async Task<CommandOutcome> AcknowledgeAsync(ClipAckArguments args, CancellationToken cancellationToken)
    {
        if (uploader is null)
            return DeliveryOff();
        ClipAcknowledgement outcome;
        try
        {
            outcome = await uploader.AcknowledgeAsync(args.ClipId, args.Sha256).WaitAsync(UploaderAnswerTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return CommandOutcome.Failed("clip delivery did not answer (is it running?)");
        }
        return outcome switch
        {
            ClipAcknowledgement.Delivered => CommandOutcome.Accepted($"clip {args.ClipId} is delivered"),
            ClipAcknowledgement.Mismatch => CommandOutcome.Rejected(CommandReason.InvalidArguments,
                $"sha256 does not match clip {args.ClipId}; it is sent again from the start"),
            _ => UnknownClip(args.ClipId),
        };
    }

    private CommandOutcome Resend(ClipResendArguments args)
    {
        if (uploader is null)
            return DeliveryOff();
        if (video.Store.Find(args.ClipId) is not { } clip)
            return UnknownClip(args.ClipId);
        if (args.FromOffset >= clip.SizeBytes)
            return CommandOutcome.Rejected(CommandReason.InvalidArguments, $"from_offset {args.FromOffset} is not below the clip's size {clip.SizeBytes}");
        uploader.RequestResend(clip.Id, args.FromOffset);
        return CommandOutcome.Accepted($"clip {clip.Id} is sent again from byte {args.FromOffset}", Json(json =>
        {
            json.WriteString("clip", clip.Id);
            json.WriteNumber("size", clip.SizeBytes);
            json.WriteString("sha256", clip.Sha256);
            json.WriteNumber("chunk_size", uploader.ChunkSize);
        }));
    }

    private async Task<CommandOutcome> HoldAsync(ClipHoldArguments args, string issuer)
    {
        var result = args.Hold
            ? await video.Holds.HoldAsync(args.ClipId, issuer, args.Reason)
            : await video.Holds.ReleaseAsync(args.ClipId, issuer, args.Reason);
        if (result.Clip is not { } clip)
            return UnknownClip(args.ClipId);
        var detail = result.Change switch
        {
            ClipHoldChange.Held => $"clip {clip.Id} is held: retention will not evict it",
            ClipHoldChange.AlreadyHeld => $"clip {clip.Id} was already held (by {clip.Hold!.By} since {WireNames.Timestamp(clip.Hold.At)}); nothing changed",
            ClipHoldChange.Released => $"clip {clip.Id} is released: retention's normal rules apply from its next pass",
            _ => $"clip {clip.Id} was not held; nothing changed",
        };
        return CommandOutcome.Accepted(detail, Json(json =>
        {
            json.WriteString("clip", clip.Id);
            json.WriteBoolean("held", clip.Hold is not null);
            json.WriteBoolean("changed", result.Change is ClipHoldChange.Held or ClipHoldChange.Released);
            json.WriteNumber("size", clip.SizeBytes);
        }));
    }

    private static CommandOutcome DeliveryOff() =>
        CommandOutcome.Rejected(CommandReason.NotSupported, "clip delivery is off on this device (Video:DeliverClips)");

    private static CommandOutcome UnknownClip(string clipId) =>
        CommandOutcome.Rejected(CommandReason.UnknownClip, $"no clip '{clipId}' on this device (never made, or evicted: see clip.evicted)");

    private static byte[] Json(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
