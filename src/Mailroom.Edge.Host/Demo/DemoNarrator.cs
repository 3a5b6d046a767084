using System.Threading.Channels;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Gpio.Simulated;

namespace Mailroom.Edge.Host.Demo;

/// <summary>
/// What the demo shows on the console: the agent's events as they are appended (type, <c>seq</c>, why a door said
/// no) and the strike's moves, and the waits between steps, each bounded so a step that does not happen fails the
/// demo instead of hanging it.
/// </summary>
internal sealed class DemoNarrator(ChannelReader<AppendedEvent> events, ChannelReader<OutputChange> relocked, TextWriter output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public void Say(string line) => output.WriteLine(line);

    public void Step(string what) => output.WriteLine($"-> {what}");

    /// <summary>Prints every event until one of <paramref name="type"/> has been appended, and returns that one.</summary>
    public async Task<AppendedEvent> NarrateUntilAsync(string type, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(StepTimeout, cancellationToken);
        while (true)
        {
            var appended = await events.ReadAsync(timeout.Token);
            Show(appended);
            if (appended.Event.Type == type)
                return appended;
        }
    }

    /// <summary>The next access event (granted, denied, PIN entry), printed.</summary>
    public async Task<AppendedEvent> NextAccessEventAsync(CancellationToken cancellationToken)
    {
        using var timeout = Bounded(StepTimeout, cancellationToken);
        while (true)
        {
            var appended = await events.ReadAsync(timeout.Token);
            if (appended.Event.Category == EventCategory.Access)
                return appended;
        }
    }

    /// <summary>Waits for the strike to release after a grant.</summary>
    public async Task WaitForRelockAsync(CancellationToken cancellationToken)
    {
        using var timeout = Bounded(StepTimeout, cancellationToken);
        await relocked.ReadAsync(timeout.Token);
    }

    /// <summary>Forgets relocks seen so far (the safe state set at start is not a relock after a grant).</summary>
    public void ForgetRelocks()
    {
        while (relocked.TryRead(out _))
        {
        }
    }

    /// <summary>The next event of <paramref name="type"/> on another subscription (the camera's, which arrive whenever
    /// ffmpeg gets there), within <paramref name="within"/>.</summary>
    public static async Task<AppendedEvent> WaitForAsync(ChannelReader<AppendedEvent> source, string type, TimeSpan within, CancellationToken cancellationToken)
    {
        using var timeout = Bounded(within, cancellationToken);
        while (true)
        {
            var appended = await source.ReadAsync(timeout.Token);
            if (appended.Event.Type == type)
                return appended;
        }
    }

    public void Show(AppendedEvent appended, string? detail = null) =>
        output.WriteLine($"   {appended.Event.Type} (seq {appended.Envelope.Seq}){detail ?? Reason(appended.Event)}");

    /// <summary>The evidence fields of a <c>clip.ready</c>, as published.</summary>
    public static string ClipSummary(AppendedEvent clip)
    {
        var json = System.Text.Json.JsonDocument.Parse(EventSerializer.Serialize(clip.Event, clip.Envelope, new DeviceIdentity("demo", "edge-1")));
        var fields = json.RootElement.EnumerateObject()
            .Where(p => p.Name is not ("id" or "seq" or "ts" or "type" or "site" or "device"))
            .Select(p => $"{p.Name}={p.Value}");
        return string.Join(", ", fields);
    }

    private static string Reason(DomainEvent e) => e switch
    {
        AccessEvent { Decision.Reason: { } reason } => $", reason {WireNames.Of(reason)}",
        AccessEvent { Decision.Granted: false } denied when denied.Decision.Trace.LastOrDefault(c => !c.Passed) is { } failed =>
            $", failed check {failed.Name}{(failed.Detail is null ? "" : $": {failed.Detail}")}",
        _ => "",
    };

    private static CancellationTokenSource Bounded(TimeSpan within, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(within);
        return timeout;
    }
}
