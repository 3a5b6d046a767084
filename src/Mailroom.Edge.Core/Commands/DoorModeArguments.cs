using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Commands;

/// <summary><c>door-mode</c>: puts a door in <c>normal</c>, <c>locked</c> (no card opens it) or <c>unlocked</c> (held open) mode.</summary>
public sealed record DoorModeArguments(DoorId Door, string Mode) : CommandArguments
{
    public static readonly IReadOnlyList<string> Modes = ["normal", "locked", "unlocked"];
}
