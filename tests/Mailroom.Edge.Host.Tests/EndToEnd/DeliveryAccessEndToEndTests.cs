using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// Delivery access through the real agent and a real broker: a courier's one-time pass from the SQLite list opens
/// once, the event on the broker carries its category and use count, and the spent pass stays spent after the agent
/// restarts on the same data folder (the count lives in access-state.db).
/// </summary>
public sealed class DeliveryAccessEndToEndTests : IDisposable
{
    private const string Root = "mailroom/v1/demo/edge-1";
    private readonly TempDirectory _folder = new();

    private string SeedWithOneTimePass()
    {
        var path = _folder.File("couriers.csv");
        using var writer = new StreamWriter(path);
        CredentialCsv.Write(writer,
        [
            new EnrolledCredential("H10301", 42, 1001, "Courier one-time pass", true, null, null) { Category = "delivery", MaxUses = 1 },
            new EnrolledCredential("H10301", 42, 1002, "Ada Lovelace", true, null, null) { Category = "staff" },
        ]);
        return path;
    }

    [Fact]
    public async Task A_one_time_pass_opens_once_is_published_with_its_category_and_stays_spent_after_a_restart()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var subscriber = await MqttTestSubscriber.StartAsync(broker.Host, broker.Port, $"{Root}/event/access", AgentHarness.Timeout);
        var seed = SeedWithOneTimePass();
        var data = _folder.File("data");
        void Configure(EdgeOptions o)
        {
            o.DataDirectory = data;
            o.Credentials.SeedCsv = seed;
        }

        await using (var first = await AgentHarness.StartAsync(broker.Port, Configure))
        {
            var granted = (AccessEvent)(await first.SwipeAsync(1001)).Event;
            Assert.Equal((true, 1, 1), (granted.Decision.Granted, granted.Decision.Uses, granted.Decision.MaxUses));
            await first.WaitForStrikeAsync(active: true);
        }
        var published = await subscriber.WaitForAsync(m => m.Payload.Length > 0 && Field(m.Payload, "type") == "access.granted", AgentHarness.Timeout);
        Assert.Equal(("delivery", "1", "1"), (Field(published.Payload, "category"), Field(published.Payload, "uses"), Field(published.Payload, "max_uses")));

        await using var second = await AgentHarness.StartAsync(broker.Port, Configure);
        var again = (AccessEvent)(await second.SwipeAsync(1001)).Event;
        var staff = (AccessEvent)(await second.SwipeAsync(1002)).Event;

        Assert.Equal((false, DenialReason.UsesExhausted), (again.Decision.Granted, again.Decision.Reason));
        Assert.Equal((true, "staff"), (staff.Decision.Granted, staff.Decision.Category));
        var denied = await subscriber.WaitForAsync(m => Field(m.Payload, "reason") == "uses_exhausted", AgentHarness.Timeout);
        Assert.Equal("delivery", Field(denied.Payload, "category"));
    }

    private static string? Field(byte[] payload, string name)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }

    public void Dispose() => _folder.Dispose();
}
