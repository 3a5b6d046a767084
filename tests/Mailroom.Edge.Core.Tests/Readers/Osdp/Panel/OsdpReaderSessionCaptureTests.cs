using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Panel;

/// <summary>
/// The panel's session replayed against the captures of an independent panel and reader on a wire: given the same
/// randoms (RND.A, the new key) and fed the reader's captured replies, it must send the captured panel's packets byte
/// for byte — ID, CAP, CHLNG, SCRYPT, KEYSET and the first MAC-chained POLL — and deliver what the reader reported.
/// </summary>
public sealed class OsdpReaderSessionCaptureTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly EventList _events = new();
    private readonly RecordedPresentations _input = new();
    private readonly MemoryOsdpKeys _keys = new();

    private OsdpReaderSession Session(string file, OsdpSecurity security, Queue<byte[]> randoms) =>
        new(new OsdpReaderProfile(new ReaderId("entry"), new DoorId("mailroom"), 101, security, "entry"), _keys, _input, _events, _time,
            random: _ => randoms.Dequeue());

    private static List<GoldenFrame> Frames(string file) => [.. GoldenFrame.All().Where(f => f.File == file)];

    /// <summary>Plays the capture's frames from the start: each panel frame must be what the session sends next; each
    /// reader frame is handed to the session as its reply. Stops after <paramref name="count"/> frames.</summary>
    private static void Replay(OsdpReaderSession session, IReadOnlyList<GoldenFrame> frames, int count)
    {
        foreach (var frame in frames.Take(count))
        {
            if (frame.IsReply)
            {
                var reply = OsdpFrameCodec.Decode(frame.Bytes.AsSpan(1), out var problem);
                Assert.True(reply is not null, problem);
                Assert.True(session.OnReply(reply), $"{frame} was not taken as the reply");
            }
            else
            {
                Assert.Equal(Convert.ToHexString(frame.Bytes), Convert.ToHexString(session.NextPacket()!));
            }
        }
    }

    [Fact]
    public void Plaintext_when_configured_none_identifies_then_polls_as_the_captured_panel_did()
    {
        var session = Session("plain.txt", OsdpSecurity.None, []);
        Replay(session, Frames("plain.txt"), 6);
        Assert.Equal(OsdpReaderState.Online, session.State);
        Assert.Equal(0x01020304u, session.Identity!.Serial);
        Assert.True(session.Capabilities!.SecureChannel);
    }

    [Theory]
    [InlineData("sc.txt")]
    [InlineData("enforce.txt")]
    public void A_secure_channel_session_matches_the_capture_up_to_the_first_mac_chained_poll(string file)
    {
        _keys.Save("entry", GoldenFrame.BaseKey(file));
        var frames = Frames(file);
        var challenge = frames.First(f => f.Name == "CHLNG");
        var session = Session(file, OsdpSecurity.SecureChannel, new([challenge.Data]));

        // ID, PDID, CAP, PDCAP, CHLNG, CCRYPT, SCRYPT, RMAC_I, POLL (SCS_15), ACK (SCS_16).
        Replay(session, frames, 10);

        Assert.Equal(OsdpReaderState.Online, session.State);
        Assert.Equal(1, session.Counters.Snapshot().Handshakes);
        Assert.Empty(_events);
    }

    [Fact]
    public void Install_mode_falls_back_to_the_default_key_sends_the_captured_keyset_and_rekeys()
    {
        var frames = Frames("install.txt");
        var challenges = frames.Where(f => f.Name == "CHLNG").Select(f => f.Data).ToList();
        var newKey = frames.Single(f => f.Name == "KEYSET").Plaintext![2..];
        // The panel already holds a key for this reader (from an earlier install); the new reader does not have it.
        _keys.Save("entry", Enumerable.Repeat((byte)0x5A, 16).ToArray());
        var session = Session("install.txt", OsdpSecurity.SecureChannel, new([challenges[0], challenges[1], newKey, challenges[2]]));
        session.BeginInstall(TimeSpan.FromMinutes(10), "tester");

        // Through the refused own key, the default-key session, KEYSET and its ACK, the new session, and the first POLL
        // on it, which the reader answers with an encrypted card read.
        Replay(session, frames, 18);

        Assert.Equal(newKey, _keys.Find("entry"));
        Assert.Equal(OsdpReaderState.Online, session.State);
        Assert.False(session.Installing);
        var read = Assert.Single(_input.Cards);
        Assert.Equal(26, read.Bits.Length);
        Assert.Equal(["reader.install_started", "reader.install_keyed", "reader.install_ended"], _events.Select(e => e.Type));
        Assert.Equal("keyed", ((ReaderInstallEvent)_events[^1]).Outcome);
    }
}
