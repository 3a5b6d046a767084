namespace Mailroom.Edge.Core.Access;

/// <summary>The factor a door wants after a card (multi-factor), presented within the door's window.</summary>
public enum SecondFactor
{
    None,
    Pin,
    Biometric,
    PinOrBiometric,
}
