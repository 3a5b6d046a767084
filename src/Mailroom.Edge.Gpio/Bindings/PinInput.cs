using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>
/// A pin held as an input, and the thread that hands its edges (from the request's event channel, in order, with the
/// chip's timestamps) to the pin's subscribers. The thread is the driver's own, so a slow callback delays only this
/// pin's edges; the chip's reader keeps reading the kernel buffer meanwhile.
/// </summary>
internal sealed class PinInput : IDisposable
{
    private readonly IInputLineRequest _request;
    private readonly LineOffset _offset;
    private readonly CancellationTokenSource _stop = new();

    public PinInput(IInputLineRequest request, LineOffset offset, PinSubscribers subscribers, Action<Exception> reportFault)
    {
        _request = request;
        _offset = offset;
        var stop = _stop.Token;
        var thread = new Thread(() => Pump(subscribers, reportFault, stop)) { IsBackground = true, Name = $"gpio-pin {offset}" };
        thread.Start();
    }

    public bool GetValue() => _request.GetValue(_offset);

    private void Pump(PinSubscribers subscribers, Action<Exception> reportFault, CancellationToken stop)
    {
        var events = _request.Events;
        try
        {
            // Blocking on the channel is right here: this thread exists to wait for edges.
            while (events.WaitToReadAsync(stop).AsTask().GetAwaiter().GetResult())
            {
                while (!stop.IsCancellationRequested && events.TryRead(out var edge))
                    subscribers.Deliver(edge);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The request's reader failed (a read error on the line's file descriptor): no more edges on this pin.
            reportFault(ex);
        }
    }

    /// <summary>
    /// Stops delivery and releases the line. It does not wait for the thread: a callback running on it may itself call
    /// the driver, and waiting for it under the driver's lock would deadlock. Once this returns no further edge is
    /// taken from the channel (one being delivered finishes); the thread ends at its next wait.
    /// </summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _request.Dispose();
    }
}
