using Mailroom.Edge.Core.Telemetry;
using Mailroom.Edge.Mqtt;
using Mailroom.Edge.Testing;
using Xunit;
using static Mailroom.Edge.Mqtt.Tests.MqttTestSettings;

namespace Mailroom.Edge.Mqtt.Tests;

/// <summary>Mutual TLS against mosquitto with a CA the test makes: a good client certificate connects; none, one from
/// another CA and an expired one are refused.</summary>
public sealed class MosquittoTransportTlsTests : IAsyncLifetime
{
    private TestCertificates _pki = null!;
    private MosquittoBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _pki = await TestCertificates.CreateAsync();
        _broker = await MosquittoBroker.StartAsync(options: new MosquittoBrokerOptions { ListenerConfig = _pki.MutualTlsListenerConfig });
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _pki.Dispose();
    }

    private MqttConnectionSettings Tls(string? cert, string? key) => For(_broker.Port) with
    {
        Host = "localhost",
        Tls = new MqttTlsSettings { CaFile = _pki.CaFile, CertFile = cert, KeyFile = key },
    };

    [Fact]
    public async Task A_good_client_certificate_connects_and_publishes()
    {
        await using var transport = await ConnectedAsync(Tls(_pki.ClientCert, _pki.ClientKey));
        var id = transport.Publish("t/tls", "hello"u8, 1, false);
        await transport.NextAsync<MqttPublishAcknowledged>(Patience, a => a.MessageId == id);
    }

    public static TheoryData<string> Refusals => new() { "none", "foreign", "expired" };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_missing_foreign_or_expired_client_certificate_is_refused(string which)
    {
        var settings = which switch
        {
            "none" => Tls(null, null),
            "foreign" => Tls(_pki.ForeignClientCert, _pki.ForeignClientKey),
            _ => Tls(_pki.ExpiredClientCert, _pki.ExpiredClientKey),
        };
        await using var transport = new MosquittoTransport(settings);
        transport.Start();

        // The first thing the transport reports is the failure, never a CONNACK.
        using var timeout = new CancellationTokenSource(Patience);
        var first = await transport.Signals.ReadAsync(timeout.Token);
        Assert.IsType<MqttDisconnected>(first);
        var second = await transport.Signals.ReadAsync(timeout.Token);
        Assert.IsType<MqttDisconnected>(second);
    }

    [Fact]
    public async Task A_broker_certificate_from_an_untrusted_ca_is_refused_by_the_client()
    {
        using var other = await TestCertificates.CreateAsync();
        await using var transport = new MosquittoTransport(For(_broker.Port) with
        {
            Host = "localhost",
            Tls = new MqttTlsSettings { CaFile = other.CaFile, CertFile = _pki.ClientCert, KeyFile = _pki.ClientKey },
        });
        transport.Start();
        using var timeout = new CancellationTokenSource(Patience);
        Assert.IsType<MqttDisconnected>(await transport.Signals.ReadAsync(timeout.Token));
    }
}
