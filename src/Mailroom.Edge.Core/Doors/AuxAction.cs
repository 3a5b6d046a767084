namespace Mailroom.Edge.Core.Doors;

/// <summary>What an auxiliary input does when it becomes active, besides its alarm.</summary>
public enum AuxAction
{
    None,

    /// <summary>Starts lockdown (of its door, or of every door when it has none); a command ends it.</summary>
    Lockdown,

    /// <summary>Emits <c>clip.trigger</c> for the video side.</summary>
    Clip,
}
