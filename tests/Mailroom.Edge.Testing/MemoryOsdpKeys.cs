using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Testing;

/// <summary>Reader keys held in memory, for tests: what a session stored, and in which order.</summary>
public sealed class MemoryOsdpKeys : IOsdpKeyStore
{
    private readonly Dictionary<string, byte[]> _keys = [];
    private readonly Lock _gate = new();

    public int Saves { get; private set; }

    public byte[]? Find(string name)
    {
        lock (_gate)
            return _keys.TryGetValue(name, out var key) ? [.. key] : null;
    }

    public void Save(string name, ReadOnlySpan<byte> key)
    {
        lock (_gate)
        {
            _keys[name] = key.ToArray();
            Saves++;
        }
    }
}
