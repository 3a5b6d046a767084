using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Video;
using Mailroom.Edge.Video.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Host.Services;

/// <summary>
/// Runs the camera recorders and feeds them every appended event from the <see cref="EventDispatcher"/>; when clip
/// delivery is on, runs the <see cref="ClipUploader"/> and offers it each <c>clip.ready</c> and <c>snapshot.ready</c>. The dispatcher hands events
/// over through a bounded channel, so a slow video side drops trigger notifications, never delays a door.
/// </summary>
public sealed class VideoService(
    VideoRecorder video, EventDispatcher dispatcher, ILogger<VideoService> logger, ClipUploader? uploader = null) : BackgroundService
{
    // Subscribed when built, not in ExecuteAsync (which .NET 10 runs only after every service has started): a door
    // forced in the first moments must still get its clip.
    private readonly System.Threading.Channels.ChannelReader<AppendedEvent> _events = dispatcher.Subscribe();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = _events;
        video.Start();
        var uploading = uploader is null ? Task.CompletedTask : Task.Run(() => DeliverAsync(uploader, stoppingToken), CancellationToken.None);
        try
        {
            await foreach (var appended in events.ReadAllAsync(stoppingToken))
            {
                try
                {
                    video.OnEvent(appended);
                    if (appended.Event is ClipReadyEvent ready)
                        uploader?.Enqueue(ready.ClipId);
                    else if (appended.Event is SnapshotReadyEvent snapshot)
                        uploader?.Enqueue(snapshot.SnapshotId);
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
        await uploading;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await video.StopAsync();
    }

    private async Task DeliverAsync(ClipUploader clips, CancellationToken stoppingToken)
    {
        try
        {
            await clips.RunAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Delivery is not worth stopping recording for: clips stay on disk and go after the next start.
            logger.LogError(e, "Clip delivery stopped; clips stay on disk");
        }
    }
}
