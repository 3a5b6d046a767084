namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The port for PIN-only entry: finds the credential whose PIN this is. Optional — without it, PIN-only doors deny
/// with <see cref="DenialReason.PinLookupUnavailable"/>.
/// </summary>
public interface IPinLookup
{
    EnrolledCredential? FindByPin(string pin);
}
