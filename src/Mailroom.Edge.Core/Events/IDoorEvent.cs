using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Events;

/// <summary>An event that happened at one door; clip triggers use it to pick the cameras that cover that door.</summary>
public interface IDoorEvent
{
    DoorId Door { get; }
}
