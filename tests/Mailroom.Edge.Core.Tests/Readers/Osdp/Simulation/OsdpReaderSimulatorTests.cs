using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>The simulated reader's link layer, commands and Secure Channel, driven by a minimal panel.</summary>
public sealed class OsdpReaderSimulatorTests
{
    private static readonly byte[] Key = Convert.FromHexString("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");
    private static readonly WiegandBits Card = new(0x0C0A5B80UL >> 6, 26);

    private readonly OsdpReaderSimulator _reader;
    private readonly TestPanel _panel;

    public OsdpReaderSimulatorTests()
    {
        _reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 5, BaseKey = Key });
        _panel = new TestPanel(_reader, 5);
    }

    [Fact]
    public void A_repeated_sequence_number_gets_the_same_reply_without_running_the_command_again()
    {
        _panel.Send(OsdpCodes.Id, 0);
        _reader.PresentCard(Card);
        var poll = _panel.Command(OsdpCodes.Poll, []);

        var first = _reader.Handle(poll);
        var again = _reader.Handle(poll);
        var next = _panel.Send(OsdpCodes.Poll);

        Assert.Equal(OsdpCodes.RawCardRead, _panel.Open(first)!.Code);
        Assert.Equal(first, again);
        Assert.Equal(OsdpCodes.Ack, next!.Code); // the card was read once
        Assert.Equal(1, _reader.RepeatedReplies);
    }

    [Fact]
    public void A_repeated_sequence_inside_a_session_resends_the_sealed_reply_and_the_MAC_chain_holds()
    {
        _panel.Send(OsdpCodes.Id, 0);
        Assert.True(_panel.Handshake(Key));
        var poll = _panel.Command(OsdpCodes.Poll, []);

        var first = _reader.Handle(poll);
        var again = _reader.Handle(poll);
        _panel.Open(again);
        var after = _panel.Send(OsdpCodes.LocalStatus);

        Assert.Equal(first, again);
        Assert.Equal(OsdpCodes.LocalStatusReport, after!.Code);
        Assert.True(_panel.ReplyMacVerified);
    }

    [Fact]
    public void A_sequence_number_out_of_turn_gets_NAK_4()
    {
        _panel.Send(OsdpCodes.Id, 0);                         // 0
        _panel.Command(OsdpCodes.Poll, []);                   // 1, never sent

        var reply = _panel.Send(OsdpCodes.Poll);              // 2

        Assert.Equal([OsdpNak.UnexpectedSequence], Nak(reply));
    }

    [Fact]
    public void A_reader_just_powered_up_takes_only_sequence_0()
    {
        var packet = TestPanel.Plaintext(5, 1, OsdpCodes.Poll).AsSpan(1);

        Assert.Equal([OsdpNak.UnexpectedSequence], Nak(_panel.Open(_reader.Handle(packet))));
    }

    [Fact]
    public void A_card_read_is_delivered_once_on_the_next_poll()
    {
        _panel.Send(OsdpCodes.Id, 0);
        _reader.PresentCard(Card);

        var read = _panel.Send(OsdpCodes.Poll);
        var after = _panel.Send(OsdpCodes.Poll);

        Assert.Equal(OsdpCodes.RawCardRead, read!.Code);
        Assert.Equal(Card, OsdpCardRead.Parse(read.Data, out _)!.Bits);
        Assert.Equal(OsdpCodes.Ack, after!.Code);
    }

    [Fact]
    public void Events_wait_oldest_first_one_per_poll_and_a_status_change_is_reported()
    {
        _panel.Send(OsdpCodes.Id, 0);
        _reader.PressKeys("42#");
        _reader.SetTamper(true);
        _reader.SetTamper(true); // no change, no report
        _reader.PresentCard(Card);

        var codes = Enumerable.Range(0, 4).Select(_ => _panel.Send(OsdpCodes.Poll)!).ToList();

        Assert.Equal([OsdpCodes.KeypadData, OsdpCodes.LocalStatusReport, OsdpCodes.RawCardRead, OsdpCodes.Ack], codes.Select(c => c.Code));
        Assert.Equal([1, 0], codes[1].Data);
    }

    [Fact]
    public void LSTAT_reports_tamper_and_power()
    {
        _panel.Send(OsdpCodes.Id, 0);
        _reader.SetPowerFault(true);

        Assert.Equal([0, 1], _panel.Send(OsdpCodes.LocalStatus)!.Data);
    }

    [Fact]
    public void LED_buzzer_text_and_output_commands_are_recorded_and_acknowledged()
    {
        var led = new OsdpLedCommand(0, 0, OsdpLedSetting.Unchanged, 0, new OsdpLedSetting(1, 1, 0, OsdpColor.Green, OsdpColor.Black));
        _panel.Send(OsdpCodes.Id, 0);
        Assert.True(_panel.Handshake(Key));

        var replies = new[]
        {
            _panel.Send(OsdpLedCommand.Code, led.Encode()),
            _panel.Send(OsdpBuzzerCommand.Code, new OsdpBuzzerCommand(0, 2, 2, 1, 3).Encode()),
            _panel.Send(OsdpTextCommand.Code, new OsdpTextCommand(0, 1, 0, 1, 1, "HELLO").Encode()),
            _panel.Send(OsdpOutputCommand.Code, new OsdpOutputCommand(0, 2, 0).Encode()),
        };

        Assert.All(replies, r => Assert.Equal(OsdpCodes.Ack, r!.Code));
        Assert.Equal([led], _reader.LedCommands);
        Assert.Equal([new OsdpBuzzerCommand(0, 2, 2, 1, 3)], _reader.BuzzerCommands);
        Assert.Equal("HELLO", Assert.Single(_reader.TextCommands).Text);
        Assert.Equal([new OsdpOutputCommand(0, 2, 0)], _reader.OutputCommands);
    }

    [Theory]
    [InlineData(0x80, new byte[] { 0x0C, 0x0B, 0x0A }, OsdpNak.UnknownCommand)]   // MFG: not implemented
    [InlineData(OsdpLedCommand.Code, new byte[] { 0, 0, 1 }, OsdpNak.CommandLengthError)]
    [InlineData(OsdpTextCommand.Code, new byte[] { 0, 1, 0, 1, 1, 9, 0x41 }, OsdpNak.CommandLengthError)]
    [InlineData(OsdpCodes.Poll, new byte[] { 1 }, OsdpNak.CommandLengthError)]
    public void Unknown_and_malformed_commands_get_the_matching_NAK(byte code, byte[] data, byte error)
    {
        _panel.Send(OsdpCodes.Id, 0);

        Assert.Equal([error], Nak(_panel.Send(code, data)));
    }

    [Fact]
    public void A_broadcast_is_answered_with_the_readers_own_address()
    {
        var broadcast = new TestPanel(_reader, OsdpFrame.Broadcast);

        var reply = broadcast.Send(OsdpCodes.Id, 0);

        Assert.Equal(5, reply!.Address);
        Assert.Equal(OsdpCodes.DeviceIdentity, reply.Code);
    }

    [Fact]
    public void Other_addresses_replies_and_bad_check_characters_get_silence()
    {
        var other = TestPanel.Plaintext(6, 0, OsdpCodes.Id, 0).AsSpan(1);
        var reply = OsdpFrameCodec.Encode(new OsdpFrame(5, true, 0, true, OsdpCodes.Ack, []), mark: false);
        var corrupt = TestPanel.Plaintext(5, 0, OsdpCodes.Id, 0).AsSpan(1);
        corrupt[^1] ^= 1;

        Assert.Null(_reader.Handle(other));
        Assert.Null(_reader.Handle(reply));
        Assert.Null(_reader.Handle(corrupt));
        Assert.Equal((0, 1), (_reader.Commands, _reader.BadPackets));
    }

    [Fact]
    public void A_wrong_server_cryptogram_gets_NAK_5_and_no_session()
    {
        _panel.Send(OsdpCodes.Id, 0);

        Assert.False(_panel.Handshake(Key, wrongServerCryptogram: true));
        Assert.False(_reader.SessionActive);
        Assert.Equal(0, _reader.Sessions);
        Assert.True(_panel.Handshake(Key));
        Assert.Equal(1, _reader.Sessions);
    }

    [Fact]
    public void A_panel_without_the_key_cannot_start_a_session()
    {
        _panel.Send(OsdpCodes.Id, 0);

        Assert.False(_panel.Handshake(OsdpSecureChannelCrypto.DefaultBaseKey, keyType: 0)); // not in install mode
        Assert.False(_reader.SessionActive);
    }

    [Fact]
    public void A_plaintext_poll_on_an_enforcing_reader_gets_NAK_6_but_ID_and_CAP_are_answered()
    {
        var reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 5, BaseKey = Key, EnforceSecure = true });
        var panel = new TestPanel(reader, 5);

        Assert.Equal(OsdpCodes.DeviceIdentity, panel.Send(OsdpCodes.Id, 0)!.Code);
        Assert.Equal(OsdpCodes.DeviceCapabilities, panel.Send(OsdpCodes.Capabilities, 0)!.Code);
        Assert.Equal([OsdpNak.EncryptedCommunicationRequired], Nak(panel.Send(OsdpCodes.Poll)));
        Assert.True(panel.Handshake(Key));
        Assert.Equal(OsdpCodes.Ack, panel.Send(OsdpCodes.Poll)!.Code);
    }

    [Fact]
    public void A_command_with_a_wrong_MAC_drops_the_session_and_gets_a_plaintext_NAK_6()
    {
        _panel.Send(OsdpCodes.Id, 0);
        Assert.True(_panel.Handshake(Key));
        var poll = _panel.Command(OsdpCodes.Poll, []);
        poll[^3] ^= 1; // the MAC's last byte
        Recheck(poll);

        var reply = _panel.Open(_reader.Handle(poll));

        Assert.Equal([OsdpNak.EncryptedCommunicationRequired], Nak(reply));
        Assert.Null(reply!.Mac);
        Assert.False(_reader.SessionActive);
        Assert.Equal(1, _reader.MacFailures);
    }

    [Fact]
    public void A_plaintext_command_inside_a_session_ends_it()
    {
        _panel.Send(OsdpCodes.Id, 0);
        Assert.True(_panel.Handshake(Key));
        var plaintext = TestPanel.Plaintext(5, 3, OsdpCodes.Poll).AsSpan(1);

        Assert.Equal([OsdpNak.EncryptedCommunicationRequired], Nak(_panel.Open(_reader.Handle(plaintext))));
        Assert.False(_reader.SessionActive);
    }

    [Fact]
    public void Sequence_0_resets_the_link_and_drops_the_session()
    {
        _panel.Send(OsdpCodes.Id, 0);
        Assert.True(_panel.Handshake(Key));
        var reset = TestPanel.Plaintext(5, 0, OsdpCodes.Id, 0).AsSpan(1);

        var reply = OsdpFrameCodec.Decode(_reader.Handle(reset).AsSpan(1), out _);

        Assert.Equal((OsdpCodes.DeviceIdentity, (byte?)null), (reply!.Code, reply.SecurityType));
        Assert.False(_reader.SessionActive);
    }

    [Fact]
    public void KEYSET_outside_a_session_is_refused()
    {
        _panel.Send(OsdpCodes.Id, 0);

        Assert.Equal([OsdpNak.EncryptedCommunicationRequired], Nak(_panel.Send(OsdpCodes.KeySet, [1, 16, .. new byte[16]])));
        Assert.Equal(Key, _reader.BaseKey);
    }

    [Fact]
    public void An_installed_reader_takes_a_key_on_SCBK_D_then_works_on_it_only()
    {
        var reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 5, InstallMode = true });
        var panel = new TestPanel(reader, 5);
        panel.Send(OsdpCodes.Id, 0);

        Assert.False(panel.Handshake(Key));                                        // it has no key yet
        Assert.True(panel.Handshake(OsdpSecureChannelCrypto.DefaultBaseKey, keyType: 0));
        Assert.Equal(OsdpCodes.Ack, panel.Send(OsdpCodes.KeySet, [1, 16, .. Key])!.Code);
        Assert.True(panel.ReplyMacVerified);

        Assert.Equal(Key, reader.BaseKey);
        Assert.False(panel.Handshake(OsdpSecureChannelCrypto.DefaultBaseKey, keyType: 0)); // install mode is over
        Assert.True(panel.Handshake(Key));
        Assert.Equal(OsdpCodes.Ack, panel.Send(OsdpCodes.Poll)!.Code);
        Assert.True(panel.ReplyMacVerified);
    }

    [Fact]
    public void A_reader_without_Secure_Channel_refuses_the_challenge_with_NAK_5()
    {
        var reader = new OsdpReaderSimulator(new OsdpReaderSimulatorOptions { Address = 5, BaseKey = Key, Capabilities = new([new(2, 1, 1)]) });
        var panel = new TestPanel(reader, 5);
        panel.Send(OsdpCodes.Id, 0);

        var reply = panel.Open(reader.Handle(panel.Command(OsdpCodes.Challenge, TestPanel.PanelRandom, OsdpSecurityBlock.BeginSession, [1])));

        Assert.Equal([OsdpNak.SecurityBlockNotSupported], Nak(reply));
    }

    private static byte[] Nak(OsdpFrame? reply)
    {
        Assert.NotNull(reply);
        Assert.Equal(OsdpNak.Code, reply.Code);
        return reply.Data;
    }

    // The packet with its CRC made right again, so only the MAC is wrong.
    private static void Recheck(byte[] packet)
    {
        var crc = OsdpCrc.Compute(packet.AsSpan(0, packet.Length - 2));
        (packet[^2], packet[^1]) = ((byte)crc, (byte)(crc >> 8));
    }
}
