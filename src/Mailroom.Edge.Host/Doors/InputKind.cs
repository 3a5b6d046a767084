namespace Mailroom.Edge.Host.Doors;

/// <summary>What a contact input means to the door controller.</summary>
public enum InputKind
{
    /// <summary>Door position switch: active = door open.</summary>
    Dps,

    /// <summary>Request to exit: active = pressed.</summary>
    Rex,

    /// <summary>Tamper switch: active = tampered.</summary>
    Tamper,

    /// <summary>Auxiliary input: active = alarm or action.</summary>
    Aux,
}
