using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Simulation;

/// <summary>The simulator's credential list, in memory: seeded from the configured CSV and the script's
/// <c>credential</c> steps. PIN-only lookup tries each PIN hash (fine for a scenario's handful of people).</summary>
public sealed class ScenarioCredentials : ICredentialStore, IPinLookup
{
    private readonly Dictionary<(string, uint?, ulong), EnrolledCredential> _cards = [];

    public void Add(EnrolledCredential credential) => _cards[(credential.Format, credential.Facility, credential.Number)] = credential;

    public EnrolledCredential? Find(CardCredential card) => _cards.GetValueOrDefault((card.Format, card.Facility, card.Number));

    public IReadOnlyList<PinMatch> FindByPin(string pin) => [.. _cards.Values.Select(c => PinMatch.Of(c, pin)).OfType<PinMatch>()];
}
