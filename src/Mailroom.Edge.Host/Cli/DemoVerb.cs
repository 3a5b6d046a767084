using System.CommandLine;
using Mailroom.Edge.Host.Demo;

namespace Mailroom.Edge.Host.Cli;

/// <summary><c>mailroom-edge demo --broker HOST:PORT</c>: the agent on simulated hardware, a scripted scenario, then exit.</summary>
internal static class DemoVerb
{
    public static Command Create()
    {
        var broker = new Option<string>("--broker")
        {
            Description = "MQTT broker as HOST:PORT, e.g. 127.0.0.1:1883",
            Required = true,
        };
        var mailroomctl = new Option<string?>("--mailroomctl")
        {
            Description = "Path of mailroomctl.dll: the demo then also sends signed commands through it (as ./build.sh demo does)",
        };
        var camera = new Option<string?>("--camera")
        {
            Description = "RTSP URL of a camera over the door: the demo then records it and makes a clip of the forced door (needs ffmpeg)",
        };
        var command = new Command("demo", "Run a short scripted scenario on simulated door hardware against a broker");
        command.Options.Add(camera);
        command.Options.Add(broker);
        command.Options.Add(mailroomctl);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!BrokerAddress.TryParse(parse.GetValue(broker)!, out var host, out var port))
            {
                await Console.Error.WriteLineAsync($"--broker: '{parse.GetValue(broker)}' must be HOST:PORT, e.g. 127.0.0.1:1883");
                return ExitCodes.BadConfiguration;
            }
            if (parse.GetValue(mailroomctl) is { } ctl && !File.Exists(ctl))
            {
                await Console.Error.WriteLineAsync($"--mailroomctl: '{ctl}' does not exist (build it with ./build.sh build)");
                return ExitCodes.BadConfiguration;
            }
            return await DemoScenario.RunAsync(host, port, Console.Out, cancellationToken, parse.GetValue(mailroomctl), parse.GetValue(camera));
        });
        return command;
    }
}
