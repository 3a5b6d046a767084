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

    /// <summary>An OSDP reader stopped answering its polls: a cut bus is an alarm, not a quiet door.</summary>
    ReaderOffline,

    /// <summary>An OSDP reader reports its tamper switch open (LSTATR).</summary>
    ReaderTamper,

    /// <summary>An OSDP reader reports a power fault (LSTATR).</summary>
    ReaderPower,

    /// <summary>A reader configured for Secure Channel claims it cannot do it: a downgrade attempt, never believed.</summary>
    ReaderDowngrade,

    /// <summary>A reader's Secure Channel cryptogram shows it holds another key than the panel's.</summary>
    ReaderKeyMismatch,
}
