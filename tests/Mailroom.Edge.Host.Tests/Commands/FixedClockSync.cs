using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>A clock whose synchronisation the test decides.</summary>
internal sealed class FixedClockSync(bool synchronised) : IClockSync
{
    public bool IsSynchronised { get; set; } = synchronised;
}
