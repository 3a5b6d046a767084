using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Benchmarks.Credentials;

/// <summary>The 2,000,000-card list of the credential benchmarks (H10301, holders "holder N", in key order), and a store
/// loaded with it through the snapshot path the agent uses.</summary>
internal static class LargeCredentialList
{
    public const int Count = 2_000_000;

    /// <summary>Rows per snapshot chunk (about 250 KB of JSON per chunk).</summary>
    public const int ChunkSize = 5_000;

    public static IReadOnlyList<EnrolledCredential> Cards(string holder = "holder") =>
        Enumerable.Range(0, Count).Select(i => CredentialSyncPayloads.Card(i, holder)).ToArray();

    public static SqliteCredentialStore Load(string path)
    {
        var store = new SqliteCredentialStore(path);
        var cards = Cards();
        using var snapshot = store.BeginSnapshot(1, cards.Count, CredentialSyncPayloads.Hash(cards, keyOrdered: true));
        snapshot.Add(cards);
        store.Install(snapshot);
        return store;
    }

    /// <summary>A random card of the list.</summary>
    public static Core.Readers.Wiegand.CardCredential Probe(Random random)
    {
        var i = random.Next(Count);
        return new("H10301", (uint)(i / 65536 + 1), (ulong)(i % 65536));
    }
}
