namespace Mailroom.Edge.Host.Installer;

/// <summary>
/// A live part of a view as every open page streams it: made at most once per <see cref="Refresh"/> however many
/// browsers watch, so twenty sessions read the lines and counters no more often than one does. Made on the page's own
/// threads from state the agent keeps anyway; nothing on the door path waits for it.
/// </summary>
internal sealed class LiveFragment(Func<string> render, TimeProvider time)
{
    /// <summary>How often a live view can change on screen: fast enough to watch a door contact move by hand.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private string? _html;
    private long _madeAt;

    public string Current()
    {
        lock (_gate)
        {
            if (_html is null || time.GetElapsedTime(_madeAt) >= Refresh)
            {
                _html = render();
                _madeAt = time.GetTimestamp();
            }
            return _html;
        }
    }
}
