using Mailroom.Edge.Core.Readers.Osdp;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

/// <summary>The bytes of a bus as a serial port delivers them: in any pieces, with line noise, truncated and corrupted
/// packets, from a reader that answers for another address.</summary>
public sealed class OsdpFrameReaderTests
{
    private static readonly IReadOnlyList<GoldenFrame> Captured = GoldenFrame.All();

    private static List<OsdpFrame> Frames(IEnumerable<OsdpReadResult> results) => [.. results.Where(r => r.Frame is not null).Select(r => r.Frame!)];

    private static List<OsdpReadResult> FeedInPieces(OsdpFrameReader reader, byte[] bytes, Random random)
    {
        var results = new List<OsdpReadResult>();
        for (var at = 0; at < bytes.Length;)
        {
            var n = Math.Min(random.Next(1, 40), bytes.Length - at);
            results.AddRange(reader.Feed(bytes.AsSpan(at, n)));
            at += n;
        }
        return results;
    }

    [Fact]
    public void Every_captured_frame_is_found_whatever_pieces_the_port_delivers()
    {
        var reader = new OsdpFrameReader();
        var stream = Captured.SelectMany(f => f.Bytes).ToArray();

        var found = Frames(FeedInPieces(reader, stream, new Random(7)));

        Assert.Equal(Captured.Select(f => f.Bytes[1..]), found.Select(f => OsdpFrameCodec.Encode(f, mark: false)));
        Assert.Equal((0L, 0L), (reader.BadPackets, reader.NoiseBytes));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Line_noise_and_truncated_packets_between_frames_lose_no_real_frame(int seed)
    {
        var random = new Random(seed);
        var stream = new List<byte>();
        foreach (var frame in Captured)
        {
            // Noise, which may well contain 0x53 and a plausible length, and sometimes a packet cut short.
            var noise = new byte[random.Next(0, 12)];
            random.NextBytes(noise);
            if (noise.Length > 0 && random.Next(4) == 0)
                noise[0] = OsdpFrameCodec.StartOfMessage;
            stream.AddRange(noise);
            if (random.Next(5) == 0)
                stream.AddRange(frame.Bytes.AsSpan(0, random.Next(2, frame.Bytes.Length - 1)).ToArray());
            stream.AddRange(frame.Bytes);
        }
        var reader = new OsdpFrameReader();

        var results = FeedInPieces(reader, [.. stream], random);
        results.AddRange(reader.Expire());

        var found = Frames(results).Select(f => Convert.ToHexString(OsdpFrameCodec.Encode(f, mark: false))).ToList();
        var expected = Captured.Select(f => Convert.ToHexString(f.Bytes[1..])).ToList();
        // Every real frame, in order; noise may (rarely) form a packet whose one-byte checksum happens to fit, which the
        // poll loop rejects by address, sequence and reply code, so only the real ones are required.
        Assert.Equal(expected, found.Where(expected.Contains).ToList());
        Assert.True(reader.NoiseBytes > 0);
    }

    [Fact]
    public void Random_bytes_never_throw_and_every_byte_is_accounted_for()
    {
        var random = new Random(11);
        var reader = new OsdpFrameReader();
        var bytes = new byte[100_000];
        random.NextBytes(bytes);

        var results = FeedInPieces(reader, bytes, random);
        results.AddRange(reader.Expire());

        Assert.Equal(results.Count(r => r.Problem is not null), reader.BadPackets);
        Assert.All(Frames(results), f => Assert.InRange(f.Data.Length, 0, OsdpFrameReader.DefaultMaximumLength));
    }

    [Fact]
    public void A_packet_longer_than_the_maximum_is_refused_without_waiting_for_it()
    {
        var reader = new OsdpFrameReader(maximumLength: 64);

        var results = reader.Feed([OsdpFrameCodec.StartOfMessage, 0x01, 0x00, 0x10]);

        Assert.Equal("impossible length 4096", Assert.Single(results).Problem);
    }
}
