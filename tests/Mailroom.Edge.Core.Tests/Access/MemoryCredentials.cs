using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>A credential store in a dictionary, with PIN-only lookup by trying each PIN hash (fine for a handful).</summary>
internal sealed class MemoryCredentials : ICredentialStore, IPinLookup
{
    private readonly Dictionary<(string, uint?, ulong), EnrolledCredential> _cards = [];

    public void Add(EnrolledCredential card) => _cards[(card.Format, card.Facility, card.Number)] = card;

    public EnrolledCredential? Find(CardCredential card) => _cards.GetValueOrDefault((card.Format, card.Facility, card.Number));

    public IReadOnlyList<PinMatch> FindByPin(string pin) => [.. _cards.Values.Select(c => PinMatch.Of(c, pin)).OfType<PinMatch>()];
}
