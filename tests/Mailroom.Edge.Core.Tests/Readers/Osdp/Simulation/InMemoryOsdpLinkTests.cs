using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>The panel's in-memory end of a simulated bus: replies at once, never a wait, late replies after a timeout.</summary>
public sealed class InMemoryOsdpLinkTests : IDisposable
{
    private readonly OsdpReaderSimulator _reader = new(new OsdpReaderSimulatorOptions { Address = 3 });
    private readonly InMemoryOsdpLink _link;
    private readonly byte[] _buffer = new byte[256];

    public InMemoryOsdpLinkTests() => _link = new InMemoryOsdpLink(new OsdpBusSimulator(_reader), "sim0");

    public void Dispose() => _link.Dispose();

    [Fact]
    public void A_reply_is_there_at_once_and_nothing_more_after_it()
    {
        var command = TestPanel.Plaintext(3, 0, OsdpCodes.Poll);
        _link.Write(command);

        var first = _link.Read(_buffer, TimeSpan.FromSeconds(10));
        var second = _link.Read(_buffer, TimeSpan.FromSeconds(10));

        Assert.Equal(OsdpCodes.Ack, Decode(_buffer.AsSpan(0, first)).Code);
        Assert.Equal(0, second);
        Assert.Equal((command.Length, first), (_link.BytesWritten, _link.BytesRead));
        Assert.Equal("sim0", _link.Port);
    }

    [Fact]
    public void A_small_buffer_gets_the_reply_in_pieces()
    {
        _link.Write(TestPanel.Plaintext(3, 0, OsdpCodes.Poll));
        var small = new byte[4];

        var pieces = new List<byte>();
        for (var n = _link.Read(small, TimeSpan.Zero); n > 0; n = _link.Read(small, TimeSpan.Zero))
            pieces.AddRange(small.AsSpan(0, n).ToArray());

        Assert.Equal(OsdpCodes.Ack, Decode(pieces.ToArray()).Code);
    }

    [Fact]
    public void A_late_reply_comes_only_after_the_panel_gave_up_and_before_the_next_reply()
    {
        _link.Write(TestPanel.Plaintext(3, 0, OsdpCodes.Id, 0));
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { LateReplies = true };
        _link.Write(TestPanel.Plaintext(3, 1, OsdpCodes.Poll));
        _reader.Misbehaviour = OsdpReaderMisbehaviour.None;

        var idReply = _link.Read(_buffer, TimeSpan.Zero);
        var timedOut = _link.Read(_buffer, TimeSpan.Zero);
        _link.DiscardInput();
        _link.Write(TestPanel.Plaintext(3, 2, OsdpCodes.LocalStatus));
        var next = _link.Read(_buffer, TimeSpan.Zero);

        Assert.True(idReply > 0);
        Assert.Equal(0, timedOut);
        var late = Decode(_buffer.AsSpan(0, 9));                 // the POLL's ACK (1 + 8 bytes) first
        var current = Decode(_buffer.AsSpan(9, next - 9));
        Assert.Equal((OsdpCodes.Ack, 1), (late.Code, (int)late.Sequence));
        Assert.Equal((OsdpCodes.LocalStatusReport, 2), (current.Code, (int)current.Sequence));
    }

    [Fact]
    public void Discarding_drops_what_has_arrived()
    {
        _link.Write(TestPanel.Plaintext(3, 0, OsdpCodes.Poll));

        _link.DiscardInput();

        Assert.Equal(0, _link.Read(_buffer, TimeSpan.Zero));
    }

    private static OsdpFrame Decode(ReadOnlySpan<byte> bytes) => OsdpFrameCodec.Decode(bytes[1..], out _)!;
}
