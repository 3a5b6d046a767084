namespace Mailroom.Edge.Core.Doors;

/// <summary>Alarms a door or the device raises; the wire name is <c>alarm.{snake_case}</c>, and <c>…_cleared</c> when it ends.</summary>
public enum AlarmKind
{
    ForcedOpen,

    /// <summary>The pre-alarm: the reader beeps so someone closes the door before the alarm.</summary>
    HeldOpenWarning,
    HeldOpen,
    Tamper,
    Aux,

    /// <summary>Silent: raised by a duress PIN while the door opens as normal.</summary>
    Duress,
}
