namespace Mailroom.Edge.Core.Doors;

/// <summary>When a momentary unlock ends besides its grant time. Needs a door position switch for anything but <see cref="GrantTime"/>.</summary>
public enum RelockTrigger
{
    /// <summary>Only when the grant time runs out.</summary>
    GrantTime,

    /// <summary>As soon as the door opens (the person is through the strike; a tailgater is not).</summary>
    DoorOpen,

    /// <summary>When the door closes again, even after the grant time (strikes that must not catch a moving door).</summary>
    DoorClose,
}
