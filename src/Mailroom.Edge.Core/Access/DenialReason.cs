namespace Mailroom.Edge.Core.Access;

/// <summary>Machine-readable reasons for a denial, as published in the <c>reason</c> field (snake_case on the wire).</summary>
public enum DenialReason
{
    UnknownCredential,
    CredentialDisabled,
    CredentialNotYetValid,
    CredentialExpired,

    /// <summary>The credential list is older than its maximum age and the policy admits responders only.</summary>
    CredentialListStale,

    /// <summary>The door is in locked mode: no one is admitted.</summary>
    DoorLocked,

    /// <summary>Lockdown: only responders pass.</summary>
    LockdownActive,

    /// <summary>The presented credential started a lockdown (a designated lockdown credential).</summary>
    LockdownInitiated,
    NotInAccessGroup,

    /// <summary>Outside the schedule of every group that includes the door, or outside the credential's own schedule.</summary>
    OutsideSchedule,

    /// <summary>The credential has been granted as many times as its <c>max_uses</c> allows (a spent one-time pass).</summary>
    UsesExhausted,

    /// <summary>The door's mode does not accept this kind of credential (a card at a PIN-only door, a PIN at a card-only one).</summary>
    ModeNotAccepted,
    FacilityCodeRejected,
    WrongPin,
    SecondFactorMismatch,

    /// <summary>A PIN or biometric arrived with no card waiting for it (or after the window).</summary>
    NoPendingCard,
    PinLookupUnavailable,

    /// <summary>More than one credential has the PIN typed at a door that admits by PIN alone (PINs must be unique there).</summary>
    AmbiguousPin,

    /// <summary>The credential has a validity window and the clock is not trusted (<c>Clock:WhenUnsynchronised</c>).</summary>
    ClockUntrusted,
    AntiPassback,
    Interlock,

    /// <summary>Not a denial yet: the card is valid and waits for its second factor.</summary>
    AwaitingSecondFactor,

    /// <summary>Not a denial yet: the card is valid and waits for a second person.</summary>
    AwaitingSecondPerson,
}
