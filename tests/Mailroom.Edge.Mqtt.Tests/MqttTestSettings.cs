using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>Settings and timeouts shared by the transport tests: short backoff so reconnects happen within seconds.</summary>
internal static class MqttTestSettings
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static MqttConnectionSettings For(int port, int protocolVersion = 5, MqttWill? will = null) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        ClientId = $"edge-test-{Guid.NewGuid():N}",
        ProtocolVersion = protocolVersion,
        Will = will,
        KeepAlive = TimeSpan.FromSeconds(10),
        ReconnectDelayMin = TimeSpan.FromSeconds(1),
        ReconnectDelayMax = TimeSpan.FromSeconds(2),
    };

    /// <summary>A started transport that has received its first CONNACK.</summary>
    public static async Task<MosquittoTransport> ConnectedAsync(MqttConnectionSettings settings)
    {
        var transport = new MosquittoTransport(settings);
        transport.Start();
        try
        {
            await transport.NextAsync<MqttConnected>(Patience);
            return transport;
        }
        catch
        {
            await transport.DisposeAsync();
            throw;
        }
    }
}
