using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Devices.Nfc;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Mailroom.Edge.Host.Tests.EndToEnd;

/// <summary>
/// The real agent with an NFC reader: an MFRC522 simulated at its registers behind the SPI device the agent opens,
/// driven by Iot.Device.Bindings' MfRc522 and the agent's reader loop, through the access rules, the strike and the
/// outbox; and the chip failing and coming back.
/// </summary>
public sealed class NfcReaderEndToEndTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SimulatedMfrc522 _chip = new();

    private async Task<AgentHarness> StartAsync(MosquittoBroker broker)
    {
        var seed = _folder.File("uids.csv");
        using (var writer = new StreamWriter(seed))
            CredentialCsv.Write(writer, [new EnrolledCredential("Uid", null, 0x04A22B1AC35D80, "Ada Lovelace", true, null, null)]);
        return await AgentHarness.StartAsync(broker.Port, o =>
        {
            o.Credentials.SeedCsv = seed;
            o.Readers["front-nfc"] = new() { Door = "front", Kind = ReaderKind.Nfc, Chip = NfcChipModel.Mfrc522, Bus = "Spi:0.0" };
        }, s => s.AddSingleton<NfcBusOpener>(new SimulatedNfcBuses().Place("Spi:0.0", _chip)));
    }

    private static async Task<T> NextAsync<T>(AgentHarness agent, Func<T, bool>? wanted = null) where T : DomainEvent
    {
        using var timeout = new CancellationTokenSource(AgentHarness.Timeout);
        while (true)
        {
            var appended = await agent.Events.ReadAsync(timeout.Token);
            if (appended.Event is T e && (wanted?.Invoke(e) ?? true))
                return e;
        }
    }

    [Fact]
    public async Task An_enrolled_uid_opens_the_door_once_per_presentation_and_an_unknown_one_is_denied()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartAsync(broker);

        _chip.Present(new SimulatedCard(Convert.FromHexString("04A22B1AC35D80")));
        var granted = await NextAsync<AccessEvent>(agent);
        Assert.Equal((true, "Ada Lovelace", "front-nfc"), (granted.Decision.Granted, granted.Decision.Holder, granted.Reader.Value));
        await agent.WaitForStrikeAsync(active: true);

        _chip.Present(new SimulatedCard(Convert.FromHexString("DEADBEEF")));
        var denied = await NextAsync<AccessEvent>(agent);
        Assert.Equal((false, DenialReason.UnknownCredential), (denied.Decision.Granted, denied.Decision.Reason));
        // The card rested on the reader for many polls in between: each card was one presentation.
        Assert.Single(agent.StrikeChanges, c => c.Active);
    }

    [Fact]
    public async Task A_chip_that_stops_answering_raises_reader_offline_and_clears_it_when_it_answers_again()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        await using var agent = await StartAsync(broker);
        agent.ExpectError("stopped answering").ExpectError("no MFRC522 answers");

        _chip.Unplug();
        var offline = await NextAsync<AlarmEvent>(agent, a => a.Kind == AlarmKind.ReaderOffline);
        Assert.True(offline.Active);
        Assert.Equal("front-nfc", offline.Source);
        Assert.Contains("the NFC chip failed 3 times in a row", offline.Detail, StringComparison.Ordinal);

        _chip.Plug();
        var back = await NextAsync<AlarmEvent>(agent, a => a.Kind == AlarmKind.ReaderOffline);
        Assert.False(back.Active);
        _chip.Present(new SimulatedCard(Convert.FromHexString("04A22B1AC35D80")));
        Assert.True((await NextAsync<AccessEvent>(agent)).Decision.Granted);
    }

    public void Dispose() => _folder.Dispose();
}
