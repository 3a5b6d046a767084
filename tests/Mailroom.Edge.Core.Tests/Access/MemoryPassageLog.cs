using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Anti-passback memory in a list: what a restart would load is what was recorded (latest per credential).</summary>
internal sealed class MemoryPassageLog : IPassageLog
{
    private readonly Dictionary<string, Passage> _passages = new(StringComparer.Ordinal);

    public IReadOnlyList<Passage> Load() => [.. _passages.Values];

    public void Record(Passage passage) => _passages[passage.Credential] = passage;
}
