using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// Streams a <see cref="LiveFragment"/> to one page as server-sent events: the fragment's HTML each time it changes
/// (checked every <see cref="LiveFragment.Refresh"/>), a comment every 15 s so proxies keep the connection, until the
/// browser goes, the session stops being admitted (the window closed or changed), or the page's server stops. A browser
/// that stops reading only fills its own connection: its writes wait, nobody else's do, and Kestrel drops it when it
/// reads too slowly.
/// </summary>
internal static class ServerSentEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, LiveFragment fragment, Func<bool> admitted, TimeProvider time, CancellationToken stopping)
    {
        context.Response.ContentType = "text/event-stream";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellation = linked.Token;
        using var timer = new PeriodicTimer(LiveFragment.Refresh, time);
        string? sent = null;
        var lastWrite = time.GetTimestamp();
        try
        {
            await context.Response.WriteAsync("retry: 3000\n\n", cancellation).ConfigureAwait(false);
            do
            {
                if (!admitted())
                    return;
                var html = fragment.Current();
                if (html != sent)
                {
                    await context.Response.WriteAsync(Event(html), cancellation).ConfigureAwait(false);
                    sent = html;
                    lastWrite = time.GetTimestamp();
                }
                else if (time.GetElapsedTime(lastWrite) >= KeepAlive)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellation).ConfigureAwait(false);
                    lastWrite = time.GetTimestamp();
                }
                else
                {
                    continue;
                }
                await context.Response.Body.FlushAsync(cancellation).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // The browser went, or the page's server is stopping.
        }
        catch (IOException)
        {
            // The connection broke under a write.
        }
    }

    /// <summary>One event: every line of the data on a <c>data:</c> line of its own (the browser joins them again).</summary>
    internal static string Event(string data)
    {
        var text = new StringBuilder();
        foreach (var line in data.Split('\n'))
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return text.Append('\n').ToString();
    }
}
