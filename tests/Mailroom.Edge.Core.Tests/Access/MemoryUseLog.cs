using Mailroom.Edge.Core.Access;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>Use counts in a list: what a restart would load is what was recorded (latest per credential).</summary>
internal sealed class MemoryUseLog : ICredentialUseLog
{
    private readonly Dictionary<string, CredentialUse> _uses = new(StringComparer.Ordinal);

    public IReadOnlyList<CredentialUse> Load() => [.. _uses.Values];

    public void Record(CredentialUse use) => _uses[use.Credential] = use;
}
