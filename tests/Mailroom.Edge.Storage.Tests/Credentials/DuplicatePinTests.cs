using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Storage.SyncProtocol;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Credentials;

/// <summary>The store counts the PINs held by more than one credential whenever the list changes (import, delta,
/// snapshot, reopen, another process's import) and the sync result reports the count.</summary>
public sealed class DuplicatePinTests : IDisposable
{
    private static readonly PinIndexKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly TempDirectory _folder = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));

    private static EnrolledCredential WithPin(ulong number, string pin, string? duress = null) =>
        new("H10301", 1, number, $"holder {number}", true, null, null)
        {
            PinHash = PinHash.Hash(pin, 1000), PinIndex = Key.Index(pin),
            DuressPinHash = duress is null ? null : PinHash.Hash(duress, 1000), DuressPinIndex = duress is null ? null : Key.Index(duress),
        };

    private SqliteCredentialStore Open() => new(_folder.File("credentials.db"), _time, pinIndexKey: Key);

    [Fact]
    public void An_import_counts_each_pin_shared_by_pins_or_duress_pins_but_not_one_persons_own_two()
    {
        using var store = Open();

        var status = store.ReplaceAll([
            WithPin(1, "1111"), WithPin(2, "1111"), WithPin(3, "1111"),   // one PIN, three holders: 1
            WithPin(4, "2222"), WithPin(5, "3333", duress: "2222"),       // a duress PIN that is someone's PIN: 1
            WithPin(6, "4444", duress: "5555"), WithPin(7, "6666", duress: "5555"), // two duress PINs alike: 1
            WithPin(8, "7777", duress: "7777"),                           // one person's PIN and duress PIN: 0
            new("H10301", 1, 9, "no PIN", true, null, null),
        ]);

        Assert.Equal(3, status.DuplicatePins);
        Assert.Equal(3, store.Status.DuplicatePins);
    }

    [Fact]
    public void A_delta_that_removes_a_duplicate_clears_the_count_and_the_sync_result_says_so()
    {
        using var store = Open();
        var sync = new CredentialSync(store, _time);
        List<EnrolledCredential> list = [WithPin(1, "1111"), WithPin(2, "1111")];
        var snapshot = Assert.Single(CredentialSyncPayloads.Snapshot(1, list, chunkSize: 10).SelectMany(p => sync.Handle(p)).OfType<CredentialSyncResultEvent>());
        List<EnrolledCredential> after = [list[0]];
        var delta = Assert.Single(sync.Handle(CredentialSyncPayloads.Delta(1, 2, after, [], [list[1]])).OfType<CredentialSyncResultEvent>());

        Assert.True(snapshot.Applied, snapshot.Reason);
        Assert.Equal(1, snapshot.DuplicatePins);
        Assert.Equal(1, Fields(snapshot).GetProperty("duplicate_pins").GetInt64());
        Assert.True(delta.Applied, delta.Reason);
        Assert.Equal(0, Fields(delta).GetProperty("duplicate_pins").GetInt64());
        Assert.Equal(0, store.Status.DuplicatePins);
    }

    [Fact]
    public void The_count_survives_reopening_and_follows_another_process_import()
    {
        using (var first = Open())
            first.ReplaceAll([WithPin(1, "1111"), WithPin(2, "1111")]);
        using var agent = Open();
        using var installer = Open();

        var reopened = agent.Status.DuplicatePins;
        installer.ReplaceAll([WithPin(1, "1111"), WithPin(2, "2222")]);
        var afterImport = agent.RefreshStatus().DuplicatePins;

        Assert.Equal(1, reopened);
        Assert.Equal(0, afterImport);
    }

    private static JsonElement Fields(DomainEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            e.WriteFields(json);
            json.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    public void Dispose() => _folder.Dispose();
}
