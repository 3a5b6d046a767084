namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The port for entry by PIN alone (PIN-only and card-or-PIN doors): every credential whose PIN or duress PIN is the
/// one typed, each verified against its PBKDF2 hash. More than one match is a denial (<see
/// cref="DenialReason.AmbiguousPin"/>): a PIN that opens a door on its own must name one person. Optional — without it
/// PIN-only doors deny with <see cref="DenialReason.PinLookupUnavailable"/>.
/// </summary>
public interface IPinLookup
{
    IReadOnlyList<PinMatch> FindByPin(string pin);
}
