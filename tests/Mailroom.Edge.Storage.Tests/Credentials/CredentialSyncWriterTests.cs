using System.Text;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>The sender's side that mailroomctl uses: key order, the hash of a list in memory, the delta between two
/// lists and the sync JSON, each checked against the documented definition or the agent's own parser.</summary>
public sealed class CredentialSyncWriterTests
{
    private static readonly EnrolledCredential Full = new("H10301", 42, 7, "Zoë Ng", false,
        new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero))
    {
        Responder = true,
        Groups = ["staff", "night"],
        PinHash = PinHash.Hash("4711", iterations: 1000),
        ExtendedGrant = true,
        LockdownKey = true,
        Category = "delivery",
        MaxUses = 1,
        Schedule = "delivery-window",
    };

    [Fact]
    public void Key_order_is_format_bytes_then_facility_with_none_first_then_number_as_signed()
    {
        EnrolledCredential Card(string format, uint? facility, ulong number) => new(format, facility, number, null, true, null, null);
        var expected = new[]
        {
            Card("A", null, 5), Card("A", 0, ulong.MaxValue), Card("A", 0, 0), Card("A", 0, 9), Card("A", 1, 0), Card("B", null, 0), Card("a", null, 0),
        };

        var sorted = expected.Reverse().Order(CredentialKeyOrder.Instance).ToList();

        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void The_hash_of_a_list_in_memory_is_the_documented_hash_and_refuses_a_list_out_of_key_order()
    {
        var cards = CredentialSyncPayloads.Cards(3000);
        cards[1234] = Full with { Facility = cards[1234].Facility, Number = cards[1234].Number };

        Assert.Equal(CredentialSyncPayloads.Hash(cards), CredentialHash.Of(cards));
        Assert.Equal(CredentialHash.Empty, CredentialHash.Of([]));
        Assert.Throws<ArgumentException>(() => CredentialHash.Of([cards[1], cards[0]]));
        Assert.Throws<ArgumentException>(() => CredentialHash.Of([cards[0], cards[0]]));
    }

    [Fact]
    public void A_snapshot_chunk_reads_back_through_the_agents_parser_field_for_field_with_plain_utf8()
    {
        var payload = CredentialSyncWriter.SnapshotChunk(4, 0, 1, 1, CredentialHash.Of([Full]), [Full]);

        using var chunk = Assert.IsType<CredentialSnapshotChunk>(CredentialSyncMessages.Parse(payload));
        var read = Assert.Single(chunk.Credentials);
        Assert.Contains("Zoë Ng", Encoding.UTF8.GetString(payload), StringComparison.Ordinal);
        Assert.Equal(CredentialHash.Of([Full]), CredentialHash.Of([read]));
        Assert.Equal((4L, 0, 1, 1L), (chunk.Version, chunk.Chunk, chunk.Chunks, chunk.Count));
    }

    [Fact]
    public void The_delta_between_two_lists_upserts_what_changed_or_is_new_and_removes_what_is_gone()
    {
        var old = CredentialSyncPayloads.Cards(100);
        var changed = old.ToList();
        changed[10] = changed[10] with { Holder = "renamed" };
        changed[20] = changed[20] with { Groups = ["night"] };
        changed.RemoveAt(31);
        changed.RemoveAt(30);
        changed.Add(CredentialSyncPayloads.Card(500));
        var hash = CredentialHash.Of(changed);

        var delta = CredentialDeltaBuilder.Between(7, old, changed, hash);

        Assert.Equal([10UL, 20UL, 500UL], delta.Upsert.Select(c => c.Number));
        Assert.Equal([30UL, 31UL], delta.Remove.Select(k => k.Number));
        Assert.Equal((7L, 8L, 99L, hash), (delta.FromVersion, delta.Version, delta.Count, delta.Hash));
        var parsed = Assert.IsType<CredentialDelta>(CredentialSyncMessages.Parse(CredentialSyncWriter.Delta(delta)));
        Assert.Equal(CredentialHash.Of(delta.Upsert), CredentialHash.Of(parsed.Upsert));
        Assert.Equal(delta.Remove, parsed.Remove);
    }
}
