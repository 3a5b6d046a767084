using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Panel;

/// <summary>
/// A bus with someone else on it: noise, truncated and corrupted packets, old encrypted frames played again, a device
/// answering for another address. Never a card that the reader did not read, never an exception, and all of it counted.
/// </summary>
public sealed class OsdpHostileBusTests
{
    private static readonly WiegandBits Card = WiegandBits.Parse("00000110000001010010110111");

    /// <summary>A link whose replies pass through the test's hands on the way to the panel.</summary>
    private sealed class TamperedLink(IOsdpLink inner, Func<byte[], byte[]> tamper) : IOsdpLink
    {
        public string Port => inner.Port;

        public int Baud => inner.Baud;

        public List<byte[]> Replies { get; } = [];

        public void Write(ReadOnlySpan<byte> bytes) => inner.Write(bytes);

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            var mine = new byte[buffer.Length];
            var read = inner.Read(mine, timeout);
            if (read == 0)
                return 0;
            Replies.Add(mine[..read]);
            var tampered = tamper(mine[..read]);
            tampered.AsSpan(0, Math.Min(tampered.Length, buffer.Length)).CopyTo(buffer);
            return Math.Min(tampered.Length, buffer.Length);
        }

        public void DiscardInput() => inner.DiscardInput();

        public void Dispose() => inner.Dispose();
    }

    private sealed class Rig : IDisposable
    {
        public Rig(Func<byte[], byte[]> tamper, OsdpReaderSimulatorOptions? reader = null)
        {
            Tamper = tamper;
            Simulator = new OsdpReaderSimulator(reader ?? OsdpTestBus.Reader());
            Keys.Save("entry", OsdpTestBus.SiteKey);
            Link = new TamperedLink(new InMemoryOsdpLink(new OsdpBusSimulator(Simulator)), b => Tamper(b));
            Session = new OsdpReaderSession(new OsdpReaderProfile(new ReaderId("entry"), new DoorId("mailroom"), Simulator.Address,
                OsdpSecurity.SecureChannel, "entry"), Keys, Input, Events, Time);
            Loop = new OsdpPollLoop(Link, [Session], Time);
        }

        public Func<byte[], byte[]> Tamper { get; set; }

        public ManualTimeProvider Time { get; } = new();

        public EventList Events { get; } = new();

        public MemoryOsdpKeys Keys { get; } = new();

        public RecordedPresentations Input { get; } = new();

        public OsdpReaderSimulator Simulator { get; }

        public TamperedLink Link { get; }

        public OsdpReaderSession Session { get; }

        public OsdpPollLoop Loop { get; }

        public void Run(int rounds)
        {
            for (var i = 0; i < rounds; i++)
            {
                Loop.RunRound();
                Time.Advance(OsdpTiming.Default.PollInterval);
            }
        }

        public void Dispose() => Loop.Dispose();
    }

    [Fact]
    public void Noise_around_every_reply_is_counted_and_cards_still_arrive_once()
    {
        var random = new Random(7);
        byte[] Noise(int n) => [.. Enumerable.Range(0, n).Select(_ => (byte)random.Next(256))];
        using var rig = new Rig(reply => [.. Noise(random.Next(1, 40)), .. reply, .. Noise(random.Next(0, 5))]);
        rig.Run(40);
        rig.Simulator.PresentCard(Card);
        rig.Run(40);

        Assert.Equal(Card, Assert.Single(rig.Input.Cards).Bits);
        Assert.True(rig.Loop.NoiseBytes > 0);
        Assert.Equal(OsdpReaderState.Online, rig.Session.State);
    }

    [Fact]
    public void Corrupted_and_truncated_replies_are_never_acted_on()
    {
        var random = new Random(11);
        using var rig = new Rig(reply =>
        {
            var copy = reply.ToArray();
            if (random.Next(2) == 0)
                return copy[..random.Next(1, copy.Length)];
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            return copy;
        });
        rig.Simulator.PresentCard(Card);
        rig.Run(300);

        Assert.Empty(rig.Input.Cards);
        Assert.True(rig.Session.Counters.Snapshot().BadPackets + rig.Loop.BadPackets > 0);
    }

    [Fact]
    public void An_encrypted_card_read_played_again_is_never_a_second_card()
    {
        using var rig = new Rig(reply => reply);
        rig.Run(20);
        rig.Simulator.PresentCard(Card);
        rig.Run(5);
        Assert.Single(rig.Input.Cards);
        var recorded = rig.Link.Replies.Single(r => r.Length > 20 && OsdpFrameCodec.Decode(r.AsSpan(1), out _) is { Code: 0x50 });

        // From now on every reply the panel hears is that recorded frame.
        rig.Tamper = _ => recorded;
        rig.Run(300);

        Assert.Single(rig.Input.Cards);
        var counters = rig.Session.Counters.Snapshot();
        Assert.True(counters.MacErrors + counters.SequenceErrors > 0, $"mac errors {counters.MacErrors}, sequence errors {counters.SequenceErrors}");
    }

    [Fact]
    public void A_reply_whose_mac_does_not_verify_is_never_acted_on()
    {
        using var rig = new Rig(reply => reply);
        rig.Run(20);
        Assert.Equal(OsdpReaderState.Online, rig.Session.State);
        rig.Simulator.Misbehaviour = new OsdpReaderMisbehaviour { WrongReplyMac = true };
        rig.Simulator.PresentCard(Card);
        rig.Run(100);

        Assert.Empty(rig.Input.Cards);
        Assert.True(rig.Session.Counters.Snapshot().MacErrors > 0);
        Assert.Equal("reply MAC does not verify", rig.Session.Counters.Snapshot().LastProblem);
    }

    [Fact]
    public void A_device_answering_for_another_address_is_counted_and_never_believed()
    {
        using var rig = new Rig(reply => reply);
        rig.Simulator.Misbehaviour = new OsdpReaderMisbehaviour { AnswerAsAddress = 9 };
        rig.Simulator.PresentCard(Card);
        rig.Run(50);

        Assert.Empty(rig.Input.Cards);
        Assert.True(rig.Loop.WrongAddressReplies > 0);
        Assert.Contains(rig.Events, e => e.Type == "alarm.reader_offline");
    }

    [Fact]
    public void Random_bytes_alone_never_make_a_reader_or_a_card()
    {
        var random = new Random(3);
        using var rig = new Rig(_ =>
        {
            var junk = new byte[random.Next(1, 300)];
            random.NextBytes(junk);
            // Now and then a start of message, so the reader's framing is exercised, not just its noise skipping.
            for (var i = 0; i < junk.Length; i += 17)
                junk[i] = OsdpFrameCodec.StartOfMessage;
            return junk;
        });
        rig.Simulator.PresentCard(Card);
        rig.Run(500);

        Assert.Empty(rig.Input.Cards);
        Assert.NotEqual(OsdpReaderState.Online, rig.Session.State);
        Assert.True(rig.Loop.BadPackets + rig.Loop.NoiseBytes > 0);
    }
}
