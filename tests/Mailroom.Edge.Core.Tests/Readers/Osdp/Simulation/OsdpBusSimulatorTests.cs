using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>Several readers on one bus: the addressed one answers, whatever pieces the bytes come in.</summary>
public sealed class OsdpBusSimulatorTests
{
    private readonly OsdpReaderSimulator _first = new(new OsdpReaderSimulatorOptions { Address = 1 });
    private readonly OsdpReaderSimulator _second = new(new OsdpReaderSimulatorOptions { Address = 2 });
    private readonly OsdpBusSimulator _bus;

    public OsdpBusSimulatorTests() => _bus = new OsdpBusSimulator(_first, _second);

    [Fact]
    public void Only_the_addressed_reader_answers()
    {
        var replies = _bus.Receive(TestPanel.Plaintext(2, 0, OsdpCodes.Id, 0));

        var reply = Decode(Assert.Single(replies));
        Assert.Equal((2, OsdpCodes.DeviceIdentity), (reply.Address, reply.Code));
        Assert.Equal((0, 1), (_first.Commands, _second.Commands));
    }

    [Fact]
    public void A_broadcast_is_answered_by_every_reader_each_with_its_own_address()
    {
        var replies = _bus.Receive(TestPanel.Plaintext(OsdpFrame.Broadcast, 0, OsdpCodes.Id, 0));

        Assert.Equal([1, 2], replies.Select(r => Decode(r).Address));
    }

    [Fact]
    public void Bytes_in_any_pieces_with_noise_between_commands_still_make_whole_commands()
    {
        byte[] stream = [0x00, 0x13, .. TestPanel.Plaintext(1, 0, OsdpCodes.Id, 0), 0xFF, .. TestPanel.Plaintext(2, 0, OsdpCodes.Id, 0)];

        var replies = stream.Select(b => _bus.Receive([b])).SelectMany(r => r).ToList();

        Assert.Equal([1, 2], replies.Select(r => Decode(r).Address));
    }

    [Fact]
    public void A_false_start_holding_a_command_is_resolved_when_the_line_goes_quiet()
    {
        byte[] falseStart = [0x53, 0x01, 0x40, 0x00]; // SOM and a 64-byte length that never comes

        var during = _bus.Receive([.. falseStart, .. TestPanel.Plaintext(1, 0, OsdpCodes.Id, 0)]);
        var afterQuiet = _bus.LineIdle();

        Assert.Empty(during);
        Assert.Equal(OsdpCodes.DeviceIdentity, Decode(Assert.Single(afterQuiet)).Code);
        Assert.True(_bus.BadPackets >= 1);
    }

    private static OsdpFrame Decode(OsdpSimulatedReply reply) => OsdpFrameCodec.Decode(reply.Bytes.AsSpan(1), out _)!;
}
