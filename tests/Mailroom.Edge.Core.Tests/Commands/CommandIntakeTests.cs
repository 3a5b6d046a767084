using Mailroom.Edge.Core.Commands;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Telemetry;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Commands;

public sealed class CommandIntakeTests
{
    [Fact]
    public void Only_messages_on_the_devices_command_topics_are_taken_as_commands()
    {
        // The publisher hands the intake every message it receives; a sync chunk must not become a refused command.
        var intake = new CommandIntake(new DeviceIdentity("hq", "mailroom-1"));
        string[] topics =
        [
            "mailroom/v1/hq/mailroom-1/sync/credentials",
            "mailroom/v1/hq/mailroom-1/cmd/unlock",
            "mailroom/v1/hq/other/cmd/unlock",
            "mailroom/v1/hq/mailroom-1/cmd-result",
            "mailroom/v1/hq/mailroom-1/cmd/credentials",
        ];
        foreach (var topic in topics)
            intake.Accept(new MqttMessageReceived(topic, [], false), TimeSpan.Zero);

        var taken = new List<string>();
        while (intake.Reader.TryRead(out var command))
            taken.Add(command.Topic);

        Assert.Equal(["mailroom/v1/hq/mailroom-1/cmd/unlock", "mailroom/v1/hq/mailroom-1/cmd/credentials"], taken);
    }
}
