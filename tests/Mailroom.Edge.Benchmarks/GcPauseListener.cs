using System.Diagnostics.Tracing;

namespace Mailroom.Edge.Benchmarks;

/// <summary>
/// The length of every GC pause of this process, from the runtime's own events: from the start of the suspension
/// (GCSuspendEEBegin_V1) to the end of the restart (GCRestartEEEnd_V1), which is how long a managed thread that needed
/// to run could not. The events arrive on the runtime's dispatch thread some time after they happen, so
/// <see cref="LongestBetween"/> first waits until an event from after the window has arrived.
/// See https://learn.microsoft.com/dotnet/fundamentals/diagnostics/runtime-garbage-collection-events.
/// </summary>
public sealed class GcPauseListener : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int SuspendBeginId = 9;
    private const int RestartEndId = 3;

    // Initialised before the base constructor can call OnEventSourceCreated (it may, for sources that already exist).
    private readonly Lock _lock = new();
    private readonly List<(DateTime Start, TimeSpan Length)> _pauses = [];
    private DateTime? _suspendedAt;
    private DateTime _latest;

    /// <summary>The longest pause that started in [<paramref name="from"/>, <paramref name="to"/>] (UTC), and how many
    /// there were.</summary>
    public (TimeSpan Longest, int Count) LongestBetween(DateTime from, DateTime to)
    {
        // A GC after the window produces an event after it: once that has been dispatched, so has every earlier one.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Latest <= to && DateTime.UtcNow < deadline)
        {
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            Thread.Sleep(50);
        }
        if (Latest <= to)
            throw new InvalidOperationException("the runtime's GC events did not arrive; the GC pauses cannot be measured");
        lock (_lock)
        {
            var inWindow = _pauses.Where(p => p.Start >= from && p.Start <= to).ToList();
            return (inWindow.Count == 0 ? TimeSpan.Zero : inWindow.Max(p => p.Length), inWindow.Count);
        }
    }

    private DateTime Latest
    {
        get
        {
            lock (_lock)
                return _latest;
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var at = eventData.TimeStamp.ToUniversalTime();
        lock (_lock)
        {
            switch (eventData.EventId)
            {
                case SuspendBeginId:
                    _suspendedAt = at;
                    break;
                case RestartEndId when _suspendedAt is { } start:
                    _pauses.Add((start, at - start));
                    _suspendedAt = null;
                    _latest = at;
                    break;
            }
        }
    }
}
