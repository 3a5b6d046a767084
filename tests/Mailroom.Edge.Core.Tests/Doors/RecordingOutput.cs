using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>An output request that remembers each line's last value and how often it changed.</summary>
internal sealed class RecordingOutput : IOutputLineRequest
{
    private readonly Dictionary<LineOffset, bool> _values = [];

    public int Writes { get; private set; }

    public void SetValue(LineOffset offset, bool active)
    {
        _values[offset] = active;
        Writes++;
    }

    public bool GetValue(LineOffset offset) => _values.GetValueOrDefault(offset);

    public void Dispose()
    {
    }
}
