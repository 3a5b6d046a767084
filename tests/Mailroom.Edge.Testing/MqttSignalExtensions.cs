using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Testing;

/// <summary>Awaiting transport signals in tests, always with a timeout so a failure never hangs the run.</summary>
public static class MqttSignalExtensions
{
    /// <summary>Reads signals until one of type <typeparamref name="T"/> matches; the others are passed to
    /// <paramref name="skipped"/> (if given) and dropped.</summary>
    public static async Task<T> NextAsync<T>(
        this IMqttTransport transport, TimeSpan timeout, Func<T, bool>? predicate = null, Action<MqttSignal>? skipped = null)
        where T : MqttSignal
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var signal = await transport.Signals.ReadAsync(cancel.Token);
                if (signal is T wanted && (predicate is null || predicate(wanted)))
                {
                    return wanted;
                }

                skipped?.Invoke(signal);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"no {typeof(T).Name} signal within {timeout}");
        }
    }
}
