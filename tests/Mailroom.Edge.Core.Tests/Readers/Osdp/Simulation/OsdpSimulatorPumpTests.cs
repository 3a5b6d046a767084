using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Simulation;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp.Simulation;

/// <summary>The pump that runs simulated readers on a real link, driven turn by turn on a scripted link.</summary>
public sealed class OsdpSimulatorPumpTests : IDisposable
{
    private readonly ScriptedLink _link = new();
    private readonly OsdpReaderSimulator _reader = new(new OsdpReaderSimulatorOptions { Address = 4 });
    private readonly OsdpSimulatorPump _pump;

    public OsdpSimulatorPumpTests() => _pump = new OsdpSimulatorPump(new OsdpBusSimulator(_reader), _link);

    public void Dispose() => _link.Dispose();

    [Fact]
    public void A_command_read_in_two_pieces_is_answered_once_whole()
    {
        var command = TestPanel.Plaintext(4, 0, OsdpCodes.Id, 0);
        _link.Incoming.Enqueue(command[..5]);
        _link.Incoming.Enqueue(command[5..]);

        _pump.PumpOnce();
        Assert.Empty(_link.Written);
        _pump.PumpOnce();

        Assert.Equal(OsdpCodes.DeviceIdentity, OsdpFrameCodec.Decode(Assert.Single(_link.Written).AsSpan(1), out _)!.Code);
        Assert.All(_link.Timeouts, t => Assert.Equal(OsdpSimulatorPump.ReadTimeout, t));
    }

    [Fact]
    public void A_late_reply_is_written_only_after_the_line_stayed_quiet_past_the_reply_timeout()
    {
        _reader.Misbehaviour = new OsdpReaderMisbehaviour { LateReplies = true };
        _link.Incoming.Enqueue(TestPanel.Plaintext(4, 0, OsdpCodes.Poll));

        _pump.PumpOnce();
        for (var quiet = 1; quiet < OsdpSimulatorPump.LateReplyQuietReads; quiet++)
            _pump.PumpOnce();
        Assert.Empty(_link.Written);
        _pump.PumpOnce();

        Assert.Single(_link.Written);
    }

    [Fact]
    public void Run_pumps_until_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        _link.Incoming.Enqueue(TestPanel.Plaintext(4, 0, OsdpCodes.Poll));
        _link.Incoming.Enqueue(TestPanel.Plaintext(4, 1, OsdpCodes.Poll));
        _link.WhenDrained = cancellation.Cancel;

        _pump.Run(cancellation.Token);

        Assert.Equal(2, _link.Written.Count);
    }

    /// <summary>A link that delivers scripted chunks, one per read, then nothing; and keeps what is written.</summary>
    private sealed class ScriptedLink : IOsdpLink
    {
        public Queue<byte[]> Incoming { get; } = new();
        public List<byte[]> Written { get; } = [];
        public List<TimeSpan> Timeouts { get; } = [];
        public Action? WhenDrained { get; set; }

        public string Port => "scripted";
        public int Baud => 9600;

        public void Write(ReadOnlySpan<byte> bytes) => Written.Add(bytes.ToArray());

        public int Read(Span<byte> buffer, TimeSpan timeout)
        {
            Timeouts.Add(timeout);
            if (!Incoming.TryDequeue(out var chunk))
            {
                WhenDrained?.Invoke();
                return 0;
            }
            chunk.CopyTo(buffer);
            return chunk.Length;
        }

        public void DiscardInput() => Incoming.Clear();

        public void Dispose()
        {
        }
    }
}
