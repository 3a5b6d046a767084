using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>
/// The shipped broker configuration (deploy/mosquitto/mailroom.conf) with certificates made by the shipped script
/// (make-certs.sh), over mutual TLS on loopback: device A can neither read device B's commands nor write under B's
/// root, nor write commands at all, while its own topics work. Uses mosquitto_pub/mosquitto_sub, which speak TLS.
/// </summary>
public sealed class BrokerAclTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private ShippedBrokerSite? _site;

    [Fact]
    public async Task DeviceACannotReadOrWriteDeviceBTopics()
    {
        _site = await ShippedBrokerSite.StartAsync("hq", ["edge-a", "edge-b"], ["ops-1"]);
        var broker = _site.Broker;
        const string root = "mailroom/v1/hq";

        // A listens on B's commands and its own; the operator listens on both devices' events.
        var deviceA = await SubscribeAsync(broker, "device-edge-a", $"{root}/edge-b/cmd/+", $"{root}/edge-a/cmd/+");
        var operatorView = await SubscribeAsync(broker, "operator-ops-1", $"{root}/edge-b/event/#", $"{root}/edge-a/event/#");

        // Forbidden first, allowed last: each client's first message is the first one the ACL let through.
        Assert.DoesNotContain(NotAuthorized, await PublishAsync(broker, "operator-ops-1", $"{root}/edge-b/cmd/unlock", "for-b"), StringComparison.Ordinal);
        Assert.Contains(NotAuthorized, await PublishAsync(broker, "device-edge-b", $"{root}/edge-a/cmd/unlock", "b-forges-a-command"), StringComparison.Ordinal);
        Assert.Contains(NotAuthorized, await PublishAsync(broker, "device-edge-a", $"{root}/edge-b/event/access", "a-forges-b-event"), StringComparison.Ordinal);
        Assert.Contains(NotAuthorized, await PublishAsync(broker, "device-edge-a", $"{root}/edge-a/cmd/unlock", "a-commands-itself"), StringComparison.Ordinal);
        Assert.DoesNotContain(NotAuthorized, await PublishAsync(broker, "operator-ops-1", $"{root}/edge-a/cmd/unlock", "for-a"), StringComparison.Ordinal);
        Assert.DoesNotContain(NotAuthorized, await PublishAsync(broker, "device-edge-a", $"{root}/edge-a/event/access", "a-own-event"), StringComparison.Ordinal);

        Assert.Equal($"{root}/edge-a/cmd/unlock for-a", await FirstMessageAsync(deviceA));
        Assert.Equal($"{root}/edge-a/event/access a-own-event", await FirstMessageAsync(operatorView));
    }

    /// <summary>What mosquitto_pub prints when the broker answers PUBACK with reason 0x87 (MQTT 5).</summary>
    private const string NotAuthorized = "Not authorized";

    private string[] Tls(MosquittoBroker broker, string identity) =>
    [
        "-h", broker.Host, "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-V", "mqttv5",
        "--cafile", _site!.CaFile, "--cert", _site.CertFile(identity), "--key", _site.KeyFile(identity),
    ];

    private async Task<string> PublishAsync(MosquittoBroker broker, string identity, string topic, string payload)
    {
        // QoS 1: the program exits only after the broker's PUBACK (success or "not authorized"), so the order holds.
        var result = await RunAsync("mosquitto_pub", [.. Tls(broker, identity), "-q", "1", "-t", topic, "-m", payload]);
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    /// <summary>Starts mosquitto_sub for one message and returns once the broker acknowledged its subscriptions.</summary>
    private async Task<Process> SubscribeAsync(MosquittoBroker broker, string identity, params string[] topics)
    {
        // stdbuf: into a pipe, stdout is block-buffered and the SUBACK line would only show at exit.
        var arguments = new List<string> { "-oL", "mosquitto_sub" };
        arguments.AddRange(Tls(broker, identity));
        arguments.AddRange(["-C", "1", "-W", "20", "-v", "-d", "-q", "1"]);
        foreach (var topic in topics)
            arguments.AddRange(["-t", topic]);
        var process = Start("stdbuf", arguments);
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (lines)
                lines.Add(e.Data);
            if (e.Data.Contains("received SUBACK", StringComparison.Ordinal))
                subscribed.TrySetResult();
        };
        process.BeginOutputReadLine();
        _subscribers.Add((process, lines));
        await subscribed.Task.WaitAsync(Timeout);
        return process;
    }

    private readonly List<(Process Process, List<string> Lines)> _subscribers = [];

    private async Task<string> FirstMessageAsync(Process subscriber)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        await subscriber.WaitForExitAsync(cancel.Token);
        var lines = _subscribers.Single(s => s.Process == subscriber).Lines;
        lock (lines)
            return lines.Single(l => l.StartsWith("mailroom/", StringComparison.Ordinal));
    }

    private static Process Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        using var process = Start(program, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, new StringBuilder().Append(await stdout).Append(await stderr).ToString());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _subscribers)
        {
            if (!process.HasExited)
                process.Kill();
            process.Dispose();
        }
        if (_site is not null)
            await _site.DisposeAsync();
    }
}
