using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Agent;

/// <summary>
/// Runs the camera recorders and feeds them every appended event from the <see cref="EventDispatcher"/>. The dispatcher
/// hands events over through a bounded channel, so a slow video side drops trigger notifications, never delays a door.
/// </summary>
public sealed class VideoService(VideoRecorder video, EventDispatcher dispatcher, ILogger<VideoService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = dispatcher.Subscribe();
        video.Start();
        try
        {
            await foreach (var appended in events.ReadAllAsync(stoppingToken))
            {
                try
                {
                    video.OnEvent(appended);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Clip trigger for event {Seq} ({Type}) failed", appended.Envelope.Seq, appended.Event.Type);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await video.StopAsync();
    }
}
