using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>
/// The simulator against a real reader: each capture's commands, replayed in order, must get the captured replies byte
/// for byte for as long as the capture holds whole exchanges (after that it keeps only first occurrences). The reader is
/// set up from the capture: its identity and capabilities from PDID and PDCAP, its RND.B values from the CCRYPTs, its
/// key from the SCBK line, and the card from the captured RAW read the moment the capture's reader had it.
/// </summary>
public sealed class OsdpReaderSimulatorCaptureTests
{
    [Theory]
    [InlineData("plain.txt", 3)]   // ID, CAP, POLL → ACK
    [InlineData("sc.txt", 5)]      // ID, CAP, CHLNG → CCRYPT, SCRYPT → RMAC_I, POLL (SCS_15) → ACK (SCS_16)
    [InlineData("enforce.txt", 5)] // the same on a reader that enforces Secure Channel
    [InlineData("install.txt", 9)] // ID, CAP, CHLNG on SCBK answered with the all-zero key, CHLNG on SCBK-D, SCRYPT,
                                  // KEYSET → ACK, CHLNG and SCRYPT on the new key, POLL → the card read, encrypted
    public void Replaying_a_capture_gets_its_replies_byte_for_byte(string file, int exchanges)
    {
        var frames = GoldenFrame.All().Where(f => f.File == file).ToList();
        var reader = new OsdpReaderSimulator(OptionsFrom(file, frames));

        var compared = 0;
        for (var i = 0; i + 1 < frames.Count && !frames[i].IsReply && frames[i + 1].IsReply; i += 2)
        {
            if (frames[i + 1] is { Name: "RAW", Plaintext: { } read })
                reader.PresentCard(OsdpCardRead.Parse(read, out _)!.Bits);

            var reply = reader.Handle(frames[i].Bytes.AsSpan(1));

            Assert.True(frames[i + 1].Bytes.AsSpan().SequenceEqual(reply), $"{frames[i]}: got {Hex(reply)}, captured {Hex(frames[i + 1].Bytes)}");
            compared++;
        }
        Assert.Equal(exchanges, compared);
    }

    [Fact]
    public void After_the_captured_KEYSET_the_reader_holds_the_new_key_and_is_out_of_install_mode()
    {
        var frames = GoldenFrame.All().Where(f => f.File == "install.txt").ToList();
        var reader = new OsdpReaderSimulator(OptionsFrom("install.txt", frames));
        var keySet = frames.FindIndex(f => f.Name == "KEYSET");

        foreach (var command in frames.Take(keySet).Where(f => !f.IsReply))
            reader.Handle(command.Bytes.AsSpan(1));
        Assert.Null(reader.BaseKey);
        Assert.True(reader.SessionActive);
        reader.Handle(frames[keySet].Bytes.AsSpan(1));

        Assert.Equal(GoldenFrame.BaseKey("install.txt"), reader.BaseKey);
        Assert.False(reader.InstallMode);
        Assert.False(reader.SessionActive);
    }

    [Fact]
    public void A_card_and_keys_come_on_the_next_polls_as_the_capture_sent_them()
    {
        var frames = GoldenFrame.All().Where(f => f.File == "plain.txt").ToList();
        var reader = new OsdpReaderSimulator(OptionsFrom("plain.txt", frames));
        var panel = new TestPanel(reader, 101);
        panel.Send(OsdpCodes.Id, 0);
        panel.Send(OsdpCodes.Capabilities, 0);
        panel.Send(OsdpCodes.Poll);
        reader.PresentCard(OsdpCardRead.Parse(frames.Single(f => f.Name == "RAW").Data, out _)!.Bits);
        reader.PressKeys("1234#");

        var raw = reader.Handle(panel.Command(OsdpCodes.Poll, []));     // sequence 3, as captured
        var keypad = reader.Handle(panel.Command(OsdpCodes.Poll, []));  // sequence 1: the capture's KEYPAD was a 2
        var nothing = panel.Open(reader.Handle(panel.Command(OsdpCodes.Poll, [])));

        Assert.Equal(frames.Single(f => f.Name == "RAW").Bytes, raw);
        Assert.Equal(frames.Single(f => f.Name == "KEYPAD").Data, panel.Open(keypad)!.Data);
        Assert.Equal(OsdpCodes.Ack, nothing!.Code);
    }

    [Fact]
    public void The_default_reader_is_the_captured_one()
    {
        var frames = GoldenFrame.All().Where(f => f.File == "plain.txt").ToList();
        var defaults = new OsdpReaderSimulatorOptions();

        Assert.Equal(frames.Single(f => f.Name == "PDID").Data, defaults.Identity.Encode());
        Assert.Equal(frames.Single(f => f.Name == "PDCAP").Data, defaults.Capabilities.Encode());
    }

    private static OsdpReaderSimulatorOptions OptionsFrom(string file, List<GoldenFrame> frames)
    {
        var readerRandoms = new Queue<byte[]>(frames.Where(f => f.Name == "CCRYPT").Select(f => f.Data[8..16]));
        return new OsdpReaderSimulatorOptions
        {
            Address = (byte)frames[0].Address,
            Identity = OsdpDeviceIdentity.Parse(frames.First(f => f.Name == "PDID").Data, out _)!,
            Capabilities = OsdpCapabilities.Parse(frames.First(f => f.Name == "PDCAP").Data, out _)!,
            ClientUid = frames.FirstOrDefault(f => f.Name == "CCRYPT")?.Data[..8] ?? new OsdpReaderSimulatorOptions().ClientUid,
            BaseKey = file is "sc.txt" or "enforce.txt" ? GoldenFrame.BaseKey(file) : null,
            InstallMode = file == "install.txt",
            EnforceSecure = file == "enforce.txt",
            RandomBytes = _ => readerRandoms.Dequeue(),
        };
    }

    private static string Hex(byte[]? bytes) => bytes is null ? "nothing" : Convert.ToHexString(bytes);
}
