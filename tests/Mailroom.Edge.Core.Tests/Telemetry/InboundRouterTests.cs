using System.Threading.Channels;
using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Telemetry;

public class InboundRouterTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/+/c", "a/b/c", true)]
    [InlineData("a/+", "a/b/c", false)]
    [InlineData("a/#", "a", true)]
    [InlineData("a/#", "a/b/c", true)]
    [InlineData("#", "$SYS/x", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "a/b", false)]
    public void Topic_filters_match_as_mqtt_says(string filter, string topic, bool matches) =>
        Assert.Equal(matches, MqttTopicFilter.Matches(filter, topic));

    [Fact]
    public void Each_registration_subscribes_and_receives_only_its_messages_and_a_full_bounded_one_drops_its_oldest()
    {
        var transport = new RecordingTransport();
        var router = new InboundRouter(transport);
        var sync = router.Register("root/sync/credentials", qos: 1, capacity: null);
        var commands = router.Register("root/cmd/+", qos: 1, capacity: 1);

        router.Route(Message("root/sync/credentials"), TimeSpan.Zero);
        router.Route(Message("root/cmd/unlock"), TimeSpan.Zero);
        router.Route(Message("root/cmd/lockdown"), TimeSpan.Zero);
        router.Route(Message("root/other"), TimeSpan.Zero);

        Assert.Equal([("root/sync/credentials", 1), ("root/cmd/+", 1)], transport.Subscriptions);
        Assert.Equal("root/sync/credentials", Assert.Single(Drain(sync)).Topic);
        Assert.Equal("root/cmd/lockdown", Assert.Single(Drain(commands)).Topic);
        Assert.Equal((1L, 1L), (router.Unrouted, router.Dropped));
    }

    [Fact]
    public void Only_messages_on_the_devices_command_topics_are_taken_as_commands_stamped_with_the_connections_age()
    {
        // The router sees every message received; a sync chunk must not become a refused command.
        var router = new InboundRouter(new RecordingTransport(), CommandProcessor.TopicFilter(new DeviceIdentity("hq", "mailroom-1")));
        string[] topics =
        [
            "mailroom/v1/hq/mailroom-1/sync/credentials",
            "mailroom/v1/hq/mailroom-1/cmd/unlock",
            "mailroom/v1/hq/other/cmd/unlock",
            "mailroom/v1/hq/mailroom-1/cmd-result",
            "mailroom/v1/hq/mailroom-1/cmd/credentials",
        ];
        foreach (var topic in topics)
            router.Route(new MqttMessageReceived(topic, [], false), TimeSpan.FromSeconds(42));

        var taken = new List<IncomingCommand>();
        while (router.Commands.TryRead(out var command))
            taken.Add(command);

        Assert.Equal(["mailroom/v1/hq/mailroom-1/cmd/unlock", "mailroom/v1/hq/mailroom-1/cmd/credentials"], taken.Select(c => c.Topic));
        Assert.All(taken, c => Assert.Equal(TimeSpan.FromSeconds(42), c.SinceConnected));
    }

    private static MqttMessageReceived Message(string topic) => new(topic, [1], false);

    private static List<MqttMessageReceived> Drain(ChannelReader<MqttMessageReceived> reader)
    {
        var list = new List<MqttMessageReceived>();
        while (reader.TryRead(out var m))
            list.Add(m);
        return list;
    }

    private sealed class RecordingTransport : IMqttTransport
    {
        public List<(string, int)> Subscriptions { get; } = [];

        public ChannelReader<MqttSignal> Signals => Channel.CreateUnbounded<MqttSignal>().Reader;

        public void Start()
        {
        }

        public int Publish(string topic, ReadOnlySpan<byte> payload, int qos, bool retain) => 0;

        public void Subscribe(string topicFilter, int qos, MqttSubscriptionOptions options = MqttSubscriptionOptions.None) =>
            Subscriptions.Add((topicFilter, qos));

        public int SubscriptionCount => Subscriptions.Count;

        public Task StopAsync() => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
