using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Systemd;

/// <summary>
/// Tells systemd how the agent is doing: READY=1 once the host has started and every loop holds its lines (so the
/// strikes are in their safe state), WATCHDOG=1 at half the watchdog timeout but only while every loop is healthy,
/// STATUS= with a one-line summary, and STOPPING=1 as soon as shutdown begins. Does nothing without NOTIFY_SOCKET.
/// </summary>
public sealed class SystemdNotifyService(
    SystemdNotifier? notifier,
    TimeSpan? watchdogTimeout,
    LoopHeartbeats heartbeats,
    Func<string> status,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SystemdNotifyService> logger) : BackgroundService
{
    /// <summary>How often STATUS= is refreshed when systemd runs no watchdog.</summary>
    private static readonly TimeSpan StatusRefresh = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan ReadinessPoll = TimeSpan.FromMilliseconds(50);

    private CancellationTokenRegistration _stopping;
    private int _stoppingSent;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (notifier is not null)
            _stopping = lifetime.ApplicationStopping.Register(SendStopping);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier is null)
            return;
        var pingEvery = watchdogTimeout is { } timeout ? timeout / 2 : (TimeSpan?)null;
        var lastPing = time.GetTimestamp();

        // Hosted services start in the background (.NET 10 runs all of ExecuteAsync off the start path), so "started"
        // alone does not mean the lines are requested: each loop says so through its heartbeat.
        while (!lifetime.ApplicationStarted.IsCancellationRequested || !heartbeats.AllReady)
        {
            if (pingEvery is { } every && time.GetElapsedTime(lastPing) >= every && heartbeats.FindProblem() is null)
            {
                notifier.Notify("WATCHDOG=1");
                lastPing = time.GetTimestamp();
            }
            await Task.Delay(ReadinessPoll, time, stoppingToken);
        }
        notifier.Notify($"READY=1\nSTATUS={status()}");
        logger.LogInformation("Told systemd the agent is ready{Watchdog}", pingEvery is { } p ? $"; watchdog pings every {p.TotalSeconds:0.###} s while all {heartbeats.Loops.Count} loops are healthy" : "");

        using var timer = new PeriodicTimer(pingEvery ?? StatusRefresh, time);
        string? lastProblem = null;
        try
        {
            do
            {
                lastProblem = Beat(pingEvery is not null, lastProblem);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: STOPPING=1 went out from the lifetime callback.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        SendStopping();
        await base.StopAsync(cancellationToken);
        await _stopping.DisposeAsync();
    }

    public override void Dispose()
    {
        notifier?.Dispose();
        base.Dispose();
    }

    /// <summary>One watchdog period: ping when healthy, otherwise withhold the ping so systemd restarts the agent.</summary>
    private string? Beat(bool watchdog, string? lastProblem)
    {
        var problem = heartbeats.FindProblem();
        if (problem is null)
        {
            notifier!.Notify(watchdog ? $"WATCHDOG=1\nSTATUS={status()}" : $"STATUS={status()}");
            if (lastProblem is not null)
                logger.LogWarning("All loops are healthy again; watchdog pings resume");
            return null;
        }
        notifier!.Notify($"STATUS=unhealthy: {problem}");
        if (problem != lastProblem)
            logger.LogError("Withholding the systemd watchdog ping: {Problem}", problem);
        return problem;
    }

    private void SendStopping()
    {
        if (Interlocked.Exchange(ref _stoppingSent, 1) == 0)
            notifier?.Notify("STOPPING=1\nSTATUS=stopping: outputs return to their safe state");
    }
}
