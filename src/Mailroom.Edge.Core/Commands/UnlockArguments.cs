using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Commands;

/// <summary><c>unlock</c>: a momentary unlock of <see cref="Door"/>; <see cref="Duration"/> null means the door's grant time.</summary>
public sealed record UnlockArguments(DoorId Door, TimeSpan? Duration) : CommandArguments;
