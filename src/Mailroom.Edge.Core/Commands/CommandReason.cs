namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// Why a command was rejected or failed. Spelled in snake_case on the wire (<c>bad_signature</c>); consumers switch on
/// these, so values are only ever added. See docs/mqtt.md for the meaning of each.
/// </summary>
public enum CommandReason
{
    TooLarge,
    Malformed,
    UnsupportedVersion,
    UnknownCommand,
    TopicMismatch,
    Retained,
    UnknownKey,
    RevokedKey,
    BadSignature,
    WrongDevice,
    LifetimeTooLong,
    NotYetValid,
    Expired,
    ReplayedId,
    StaleCounter,
    UnverifiableFreshness,
    InvalidArguments,
    UnknownDoor,
    NotSupported,
    Busy,
    HandlerError,
    UnknownClip,
}
