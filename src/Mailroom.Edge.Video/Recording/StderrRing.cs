namespace Mailroom.Edge.Video.Recording;

/// <summary>The last lines ffmpeg wrote to stderr, bounded, so a failure can be logged with its cause without an unbounded buffer.</summary>
public sealed class StderrRing(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
            return [.. _lines];
    }

    public string? Last()
    {
        lock (_gate)
            return _lines.Count == 0 ? null : _lines.Last();
    }

    public void Clear()
    {
        lock (_gate)
            _lines.Clear();
    }
}
