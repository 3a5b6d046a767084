namespace Mailroom.Edge.Core.Readers;

/// <summary>
/// A biometric terminal's match: the enrolled user number it sent, and the card format it framed it in. It is not a
/// card: a user number 1001 from a fingerprint reader and card 1001 are different credentials, and the access rules
/// treat a biometric match as its own factor.
/// </summary>
public sealed record BiometricCredential(string Format, ulong UserNumber);
