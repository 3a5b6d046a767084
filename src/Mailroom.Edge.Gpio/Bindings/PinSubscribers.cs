using System.Device.Gpio;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// Who listens to one pin's edges: value-changed callbacks (each with the edges it asked for) and callers of
/// <c>WaitForEvent</c>. Registration takes a lock; delivery takes a snapshot and calls back outside it, so a callback may
/// read, write or close pins without deadlocking (dotnet/iot's observer calls its handlers under its lock).
/// </summary>
internal sealed class PinSubscribers(int pinNumber, object sender, Action<int, Exception> reportFault)
{
    private readonly Lock _gate = new();
    private readonly List<EdgeWaiter> _waiters = [];
    private (PinEventTypes Types, PinChangeEventHandler Handler)[] _callbacks = [];

    public void Add(PinEventTypes types, PinChangeEventHandler handler)
    {
        lock (_gate)
            _callbacks = [.. _callbacks, (types, handler)];
    }

    public void Remove(PinChangeEventHandler handler)
    {
        lock (_gate)
            _callbacks = _callbacks.Where(c => c.Handler != handler).ToArray();
    }

    /// <summary>
    /// Waits for the next edge of <paramref name="types"/>. The waiter is registered before this returns its task, so an
    /// edge after the call is never missed; cancellation is reported as a time-out, as <c>GpioController</c> expects.
    /// </summary>
    public async Task<WaitForEventResult> WaitAsync(PinEventTypes types, CancellationToken cancellationToken)
    {
        var waiter = new EdgeWaiter(types);
        lock (_gate)
            _waiters.Add(waiter);
        try
        {
            var edge = await waiter.Edge.Task.WaitAsync(cancellationToken);
            return new WaitForEventResult { EventTypes = edge, TimedOut = false };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            lock (_gate)
                _waiters.Remove(waiter);
        }
    }

    /// <summary>Hands one edge to the waiters that want it and then to the callbacks, on the caller's thread.</summary>
    public void Deliver(LineEdgeEvent edge)
    {
        var type = edge.Edge == EdgeKind.Rising ? PinEventTypes.Rising : PinEventTypes.Falling;
        (PinEventTypes Types, PinChangeEventHandler Handler)[] callbacks;
        EdgeWaiter[] woken;
        lock (_gate)
        {
            callbacks = _callbacks;
            woken = _waiters.Where(w => (w.Types & type) != 0).ToArray();
            _waiters.RemoveAll(w => (w.Types & type) != 0);
        }

        foreach (var waiter in woken)
            waiter.Edge.TrySetResult(type);

        var args = new TimestampedPinValueChangedEventArgs(type, pinNumber, edge.TimestampNs);
        foreach (var (types, handler) in callbacks)
        {
            if ((types & type) == 0)
                continue;
            try
            {
                handler(sender, args);
            }
            catch (Exception ex)
            {
                // A binding's faulty callback must not stop the other callbacks or later edges of this pin.
                reportFault(pinNumber, ex);
            }
        }
    }
}
