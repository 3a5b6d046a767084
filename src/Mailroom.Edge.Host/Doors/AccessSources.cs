using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// What the access rules read: the credential list, the PIN directory for doors that admit by PIN alone (null when the
/// site has none, i.e. no <c>Credentials:PinIndexKey</c>; such PINs are then denied <c>pin_lookup_unavailable</c>), the
/// clock's trust, the list's freshness, and the anti-passback memory and use counts kept across restarts.
/// </summary>
public sealed record AccessSources(
    ICredentialStore Credentials,
    IPinLookup? Pins,
    IClockStatus Clock,
    CredentialFreshness? Freshness = null,
    IPassageLog? Passages = null,
    ICredentialUseLog? Uses = null);
