using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Storage.Outbox;
using Mailroom.Edge.Storage.Sqlite;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Host.Tests.Delivery;

/// <summary>The real outbox → publisher → libmosquitto chain against a broker port, with its loop on the thread pool.</summary>
internal sealed class PublisherRig : IAsyncDisposable
{
    public static readonly DeviceIdentity Device = new("hq", "edge-1");
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PublisherRig(string dataFolder, int brokerPort, SqliteDurability durability = SqliteDurability.Full)
    {
        Outbox = new SqliteOutbox(Path.Combine(dataFolder, "outbox.db"), Device, TimeProvider.System,
            new OutboxSettings { Durability = durability, MaxRows = 1_000_000 });
        Transport = new MosquittoTransport(new MqttConnectionSettings
        {
            Host = "127.0.0.1",
            Port = brokerPort,
            ClientId = $"edge-{Guid.NewGuid():N}",
            KeepAlive = TimeSpan.FromSeconds(10),
            ReconnectDelayMin = TimeSpan.FromMilliseconds(200),
            ReconnectDelayMax = TimeSpan.FromSeconds(1),
            MaxInflight = 100,
        });
        Publisher = TestPublisher.Build(Outbox, Transport, Device, TimeProvider.System,
            new OutboxPublisherOptions { InflightWindow = 100, HealthInterval = TimeSpan.Zero }, Outbox);
        _loop = Task.Run(() => Publisher.RunAsync(_stop.Token));
    }

    public SqliteOutbox Outbox { get; }

    public MosquittoTransport Transport { get; }

    public OutboxPublisher Publisher { get; }

    /// <summary>Completes when <paramref name="condition"/> holds, re-checked on every publisher state change.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var met = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
                met.TrySetResult();
        }
        Publisher.State.Changed += Check;
        try
        {
            Check();
            await met.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out waiting until {what}");
        }
        finally
        {
            Publisher.State.Changed -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(30));
        await Transport.DisposeAsync();
        Outbox.Dispose();
        _stop.Dispose();
    }
}
