using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.KernelLane.Tests.GpioSim;
using Mailroom.Edge.KernelLane.Tests.Guest;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.KernelLane.Tests.Agent;

/// <summary>
/// Everything around one agent run in the guest: a mosquitto broker on the guest's own loopback, the wired
/// <see cref="LaneSite"/>, a subscriber to the device's topics and systemd's notify socket. The agent starts when a
/// test asks, so a test can watch the lines from before it starts.
/// </summary>
public sealed class LaneDoor : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly MosquittoBroker _broker;
    private readonly MqttTestSubscriber _events;
    private readonly NotifySocket _systemd = NotifySocket.AtPath();
    private LaneAgent? _agent;

    private LaneDoor(MosquittoBroker broker, LaneSite site, MqttTestSubscriber events)
    {
        _broker = broker;
        Site = site;
        _events = events;
    }

    public LaneSite Site { get; }

    public LaneAgent Agent => _agent ?? throw new InvalidOperationException("the agent has not been started");

    public static async Task<LaneDoor> PrepareAsync(string label)
    {
        var broker = await MosquittoBroker.StartAsync();
        var site = new LaneSite(label, broker.Port);
        site.Rest();
        var events = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{site.Root}/#", Wait);
        return new LaneDoor(broker, site, events);
    }

    /// <summary>Starts <c>run</c> with the site's configuration (and any <c>--set</c> arguments) and waits for READY=1.</summary>
    public async Task StartAgentAsync(params string[] extraArgs)
    {
        _agent = LaneAgent.Start(["run", "--config", Site.ConfigPath, .. extraArgs], _systemd);
        var ready = _systemd.WaitForAsync("READY=1", Wait);
        if (await Task.WhenAny(ready, _agent.Exited) == _agent.Exited)
            Assert.Fail($"the agent exited with {await _agent.WaitForExitAsync(Wait)} before READY=1:\n{_agent.Output}");
        try
        {
            await ready;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nagent output:\n{_agent.Output}", e);
        }
    }

    /// <summary>The next event of <paramref name="type"/> (after <paramref name="after"/>, when given), as JSON.</summary>
    public async Task<JsonElement> WaitForEventAsync(string type, JsonElement? after = null)
    {
        long afterSeq = after?.GetProperty("seq").GetInt64() ?? 0;
        try
        {
            var message = await _events.WaitForAsync(m => Parse(m) is { } e && e.TryGetProperty("type", out var t) && t.GetString() == type
                && e.TryGetProperty("seq", out var seq) && seq.GetInt64() > afterSeq, Wait);
            return Parse(message)!.Value;
        }
        catch (TimeoutException e)
        {
            var seen = string.Join("\n", _events.Messages.Select(m => $"{m.Topic} {Encoding.UTF8.GetString(m.Payload)}"));
            throw new TimeoutException($"no {type} within {Wait}; the broker saw:\n{seen}\nagent output:\n{_agent?.Output}", e);
        }
    }

    /// <summary>The first health snapshot (retained on <c>{root}/health</c>) that satisfies <paramref name="predicate"/>.</summary>
    public async Task<JsonElement> WaitForHealthAsync(Func<JsonElement, bool> predicate)
    {
        var topic = $"{Site.Root}/health";
        try
        {
            var message = await _events.WaitForAsync(m => m.Topic == topic && Parse(m) is { } h && predicate(h), Wait);
            return Parse(message)!.Value;
        }
        catch (TimeoutException e)
        {
            var last = _events.Messages.LastOrDefault(m => m.Topic == topic);
            throw new TimeoutException($"no matching health within {Wait}; the last was: {(last is null ? "none" : Encoding.UTF8.GetString(last.Payload))}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_agent is not null) await _agent.DisposeAsync();
        await _events.DisposeAsync();
        _systemd.Dispose();
        Site.Dispose();
        await _broker.DisposeAsync();
    }

    private static JsonElement? Parse(MqttMessageReceived message)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Payload);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
