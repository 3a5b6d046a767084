using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>Each fault a simulated reader can show does what it says, and only that.</summary>
public sealed class OsdpReaderMisbehaviourTests
{
    private static readonly byte[] Key = Convert.FromHexString("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");

    private readonly OsdpReaderSimulator _reader = new(new OsdpReaderSimulatorOptions { Address = 5, BaseKey = Key });
    private readonly TestPanel _panel;

    public OsdpReaderMisbehaviourTests()
    {
        _panel = new TestPanel(_reader, 5);
        _panel.Send(OsdpCodes.Id, 0);
    }

    [Fact]
    public void A_silent_reader_neither_answers_nor_moves_on()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { Silent = true };
        _reader.PresentCard(new(1, 1));
        var poll = _panel.Command(OsdpCodes.Poll, []);

        Assert.Null(_reader.Handle(poll));
        Assert.Equal(1, _reader.Commands); // the ID only

        _reader.Misbehaviour = OsdpReaderMisbehaviour.None;
        Assert.Equal(OsdpCodes.RawCardRead, _panel.Open(_reader.Handle(poll))!.Code); // the same sequence is still the next one
    }

    [Fact]
    public void Every_Nth_reply_is_lost_and_the_repeat_gets_it()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { DropEveryNthReply = 2 }; // the ID reply was the first
        var poll = _panel.Command(OsdpCodes.Poll, []);

        var lost = _reader.Handle(poll);
        var repeat = _reader.Handle(poll);
        var next = _reader.Handle(_panel.Command(OsdpCodes.Poll, []));

        Assert.Null(lost);
        Assert.NotNull(repeat);
        Assert.Null(next);
    }

    [Fact]
    public void A_corrupt_check_fails_the_panels_decode()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { CorruptReplyCheck = true };

        var reply = _reader.Handle(_panel.Command(OsdpCodes.Poll, []));

        Assert.NotNull(reply);
        Assert.Null(OsdpFrameCodec.Decode(reply.AsSpan(1), out var problem));
        Assert.Equal("CRC error", problem);
    }

    [Fact]
    public void A_wrong_reply_MAC_does_not_verify_but_the_frame_is_otherwise_sound()
    {
        Assert.True(_panel.Handshake(Key));
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { WrongReplyMac = true };

        var reply = _panel.Send(OsdpCodes.Poll);

        Assert.Equal(OsdpCodes.Ack, reply!.Code);
        Assert.False(_panel.ReplyMacVerified);
    }

    [Fact]
    public void A_downgraded_reader_denies_Secure_Channel_in_PDCAP_yet_still_does_it()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { DowngradedCapabilities = true };

        var capabilities = OsdpCapabilities.Parse(_panel.Send(OsdpCodes.Capabilities, 0)!.Data, out _);

        Assert.False(capabilities!.SecureChannel);
        Assert.True(_panel.Handshake(Key));
    }

    [Fact]
    public void Replies_can_come_under_another_address()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { AnswerAsAddress = 9 };

        var reply = _panel.Send(OsdpCodes.Poll);

        Assert.Equal((9, true, OsdpCodes.Ack), (reply!.Address, reply.IsReply, reply.Code));
    }

    [Fact]
    public void Late_replies_are_marked_late_for_the_link()
    {
        var bus = new OsdpBusSimulator(_reader);
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { LateReplies = true };

        var replies = bus.Receive(TestPanel.Plaintext(5, 1, OsdpCodes.Poll));

        Assert.True(Assert.Single(replies).Late);
    }
}
