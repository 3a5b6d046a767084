using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>Feeds the doors' contact inputs to their controllers as edges arrive, and re-evaluates mode schedules every
/// <see cref="ScheduleInterval"/>.</summary>
public sealed class DoorInputService(DoorAssembly assembly, TimeProvider time, LoopHeartbeats heartbeats, ILogger<DoorInputService> logger) : BackgroundService
{
    /// <summary>Schedule windows are whole minutes; checking every 5 s puts a scheduled unlock within 5 s of its time.</summary>
    public static readonly TimeSpan ScheduleInterval = TimeSpan.FromSeconds(5);

    private readonly LoopHeartbeat _heartbeat = heartbeats.Register("door inputs", TimeSpan.FromSeconds(10));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _heartbeat.MarkReady();
        try
        {
            await Task.WhenAll(RunInputsAsync(stoppingToken), RunSchedulesAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _heartbeat.MarkEnded();
        }
    }

    private async Task RunInputsAsync(CancellationToken stoppingToken)
    {
        if (assembly.Inputs.Lines is not { } lines)
            return;
        await foreach (var edge in lines.Events.ReadAllAsync(stoppingToken))
        {
            using var busy = _heartbeat.Busy();
            try
            {
                assembly.Inputs.Handle(edge);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Handling an input edge on line {Line} failed; inputs keep running", edge.Offset);
            }
        }
    }

    private async Task RunSchedulesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ScheduleInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                assembly.Doors.EvaluateSchedules();
            }
            catch (Exception e)
            {
                logger.LogError(e, "Evaluating door schedules failed");
            }
        }
    }
}
