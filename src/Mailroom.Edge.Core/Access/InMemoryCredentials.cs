using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// A credential list in a dictionary, for the scenario simulator and the core's tests (the agent uses the SQLite
/// store). PIN-only lookup tries each PIN hash in turn — fine for a scenario's handful of people, far too slow for a
/// site's list, which is why the real store finds candidates by the keyed <c>pin_index</c> instead.
/// </summary>
public sealed class InMemoryCredentials : ICredentialStore, IPinLookup
{
    private readonly Dictionary<(string, uint?, ulong), EnrolledCredential> _cards = [];

    /// <summary>Enrols <paramref name="credential"/>, replacing one with the same format, facility and number.</summary>
    public void Add(EnrolledCredential credential) => _cards[(credential.Format, credential.Facility, credential.Number)] = credential;

    public EnrolledCredential? Find(CardCredential card) => _cards.GetValueOrDefault((card.Format, card.Facility, card.Number));

    public IReadOnlyList<PinMatch> FindByPin(string pin) => [.. _cards.Values.Select(c => PinMatch.Of(c, pin)).OfType<PinMatch>()];
}
