namespace Mailroom.Edge.Video.Recording;

/// <summary>Exponential restart delay: doubles per failed start up to a ceiling, back to the floor once the camera delivers video.</summary>
public sealed class RestartBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    public RestartBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max < min ? min : max;
        _next = min;
    }

    /// <summary>The delay before the next start; each call doubles the one after.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _max.Ticks));
        return delay;
    }

    public void Reset() => _next = _min;
}
