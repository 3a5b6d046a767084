using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// The authority pipeline for one command at a time: parse (bounded), refuse retained, verify key, signature, device
/// and time, check the topic names the signed command, consume id and counter durably, apply the clock rule, then hand
/// it to its <see cref="ICommandHandler"/>. Every command ends in exactly one <see cref="CommandResultEvent"/>;
/// refusals feed a <see cref="RefusalMonitor"/> that raises <see cref="CommandRefusalAlarmEvent"/>. Commands must be
/// processed one at a time (the counter check relies on it).
/// </summary>
public sealed class CommandProcessor
{
    private const int MaxCorrelationBytes = 256;
    private const string ResultSuffix = "cmd-result";
    private readonly DeviceIdentity _device;
    private readonly CommandPolicy _policy;
    private readonly CommandVerifier _verifier;
    private readonly ICommandLedger _ledger;
    private readonly IClockSync _clock;
    private readonly Dictionary<string, ICommandHandler> _handlers;
    private readonly IEventPort _events;
    private readonly TimeProvider _time;
    private readonly RefusalMonitor _refusals;
    private readonly string _commandPrefix;

    public CommandProcessor(
        DeviceIdentity device,
        CommandPolicy policy,
        CommandKeyRing keys,
        ICommandLedger ledger,
        IClockSync clock,
        IEnumerable<ICommandHandler> handlers,
        IEventPort events,
        TimeProvider time)
    {
        _device = device;
        _policy = policy;
        _verifier = new CommandVerifier(keys, device, policy, clock, time);
        _ledger = ledger;
        _clock = clock;
        _handlers = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal);
        _events = events;
        _time = time;
        _refusals = new RefusalMonitor(policy.RefusalAlarmThreshold, policy.RefusalWindow, time);
        _commandPrefix = $"{device.TopicRoot}/cmd/";
    }

    /// <summary>The topic filter the agent subscribes to for its commands.</summary>
    public static string TopicFilter(DeviceIdentity device) => $"{device.TopicRoot}/cmd/+";

    public async ValueTask<CommandOutcome> ProcessAsync(IncomingCommand incoming, CancellationToken cancellationToken)
    {
        var parsed = CommandEnvelopeParser.Parse(incoming.Payload, _policy.MaxPayloadBytes);
        CommandOutcome outcome;
        try
        {
            outcome = parsed.Command is { } command
                ? await DecideAsync(command, incoming, cancellationToken)
                : CommandOutcome.Rejected(parsed.Reason!.Value, parsed.Detail!);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = CommandOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }

        var correlation = incoming.CorrelationData is { Length: <= MaxCorrelationBytes } data ? data : null;
        await _events.Emit(new CommandResultEvent(_time.GetUtcNow(), parsed.CommandId, parsed.Name ?? NameFromTopic(incoming.Topic),
            parsed.Command?.Issuer, parsed.Command?.Counter, outcome, correlation, ResultTopicSuffix(incoming.ResponseTopic))).WaitAsync(cancellationToken);
        if (outcome.Status == CommandStatus.Rejected && _refusals.Record() is { } count)
            await _events.Emit(new CommandRefusalAlarmEvent(_time.GetUtcNow(), count, _policy.RefusalWindow, outcome.Reason!.Value)).WaitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>Answers commands the intake had to drop (queue full): one result, no id, so the flood is visible.</summary>
    public async ValueTask ReportDroppedAsync(long dropped, CancellationToken cancellationToken)
    {
        var outcome = CommandOutcome.Rejected(CommandReason.Busy, $"{dropped} command(s) dropped: the command queue was full");
        await _events.Emit(new CommandResultEvent(_time.GetUtcNow(), null, null, null, null, outcome, null, ResultSuffix)).WaitAsync(cancellationToken);
        if (_refusals.Record() is { } count)
            await _events.Emit(new CommandRefusalAlarmEvent(_time.GetUtcNow(), count, _policy.RefusalWindow, CommandReason.Busy)).WaitAsync(cancellationToken);
    }

    private async ValueTask<CommandOutcome> DecideAsync(SignedCommand command, IncomingCommand incoming, CancellationToken cancellationToken)
    {
        // A retained command would be delivered again to every future subscription, long after it was meant.
        if (incoming.Retained)
            return CommandOutcome.Rejected(CommandReason.Retained, "retained commands are never executed; publish commands with retain=false");
        if (_verifier.Verify(command) is { } refusal)
            return refusal;
        // The topic is not signed; the name inside the signed bytes is what counts, and the two must agree.
        if (NameFromTopic(incoming.Topic) != command.Name)
            return CommandOutcome.Rejected(CommandReason.TopicMismatch, $"the signed command is '{command.Name}' but arrived on {incoming.Topic}");
        // Its id was consumed before the restart, so it may have acted: answered, never run a second time.
        if (incoming.Interrupted)
            return CommandOutcome.Failed("the agent stopped while this command was being run; it was not run again and may or may not have acted");
        if (_ledger.TryConsume(command.Issuer, command.Counter, command.Id, _time.GetUtcNow(), incoming.Receipt) is { } replay)
        {
            return CommandOutcome.Rejected(replay, replay == CommandReason.ReplayedId
                ? $"command id {command.Id} was seen before"
                : $"counter {command.Counter} is not above the last one accepted from '{command.Issuer}'");
        }
        if (!_clock.IsSynchronised && CommandNames.Actuates(command.Name) && incoming.SinceConnected < _policy.ConnectQuietPeriod)
        {
            return CommandOutcome.Rejected(CommandReason.UnverifiableFreshness,
                $"the clock is not synchronised and the command arrived {incoming.SinceConnected.TotalSeconds:0.###} s after the connection was made " +
                $"(under {_policy.ConnectQuietPeriod.TotalSeconds:0.###} s it may have been queued while the agent was offline); send it again");
        }
        if (!_handlers.TryGetValue(command.Name, out var handler))
            return CommandOutcome.Rejected(CommandReason.NotSupported, $"'{command.Name}' is not supported by this agent version");
        return await handler.HandleAsync(command, cancellationToken);
    }

    private string? NameFromTopic(string topic) =>
        topic.StartsWith(_commandPrefix, StringComparison.Ordinal) ? topic[_commandPrefix.Length..] : null;

    /// <summary>The MQTT 5 response topic is honoured when it lies under <c>{root}/cmd-result/</c>: the broker ACL lets a
    /// device write only under its own root, so any other response topic could never be delivered.</summary>
    private string ResultTopicSuffix(string? responseTopic)
    {
        var prefix = $"{_device.TopicRoot}/{ResultSuffix}/";
        return responseTopic is { Length: <= 256 } topic && topic.Length > prefix.Length && topic.StartsWith(prefix, StringComparison.Ordinal)
            && topic.IndexOfAny(['+', '#', '\0']) < 0
            ? topic[(_device.TopicRoot.Length + 1)..]
            : ResultSuffix;
    }
}
