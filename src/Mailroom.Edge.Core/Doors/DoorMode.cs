namespace Mailroom.Edge.Core.Doors;

/// <summary>How a door admits people. The configured mode applies unless a schedule, a command or a lockdown overrides it.</summary>
public enum DoorMode
{
    CardOnly,
    CardAndPin,
    CardOrPin,
    PinOnly,

    /// <summary>Degraded: any card with an accepted facility code opens (e.g. while the credential list is lost).</summary>
    FacilityCodeOnly,

    /// <summary>Held unlocked; no credential needed.</summary>
    Unlocked,

    /// <summary>No one is admitted, whatever their credential.</summary>
    Locked,

    /// <summary>Locked for everyone but responders.</summary>
    Lockdown,
}
