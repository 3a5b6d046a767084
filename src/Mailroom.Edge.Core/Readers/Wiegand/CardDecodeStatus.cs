namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>Outcome of decoding a frame with one card format.</summary>
public enum CardDecodeStatus
{
    Ok,
    LengthMismatch,
    ParityError,
}
