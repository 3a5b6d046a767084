using System.Text.Json;
using Mailroom.Edge.Core.Readers.Osdp;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

public sealed class OsdpFrameCodecTests
{
    private static JsonElement AnnexE()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Readers", "Osdp", "Vectors", "annex-e-vectors.json")));
        return json.RootElement.Clone();
    }

    public static TheoryData<GoldenFrame> Golden() => [.. GoldenFrame.All()];

    [Fact]
    public void The_CRC_matches_the_specifications_worked_examples()
    {
        foreach (var example in AnnexE().GetProperty("crc16").EnumerateArray())
        {
            var crc = OsdpCrc.Compute(Convert.FromHexString(example.GetProperty("message").GetString()!));
            Assert.Equal(example.GetProperty("crc_le_bytes").GetString(), Convert.ToHexString([(byte)crc, (byte)(crc >> 8)]));
        }
    }

    [Fact]
    public void The_checksum_matches_the_specifications_worked_examples()
    {
        foreach (var example in AnnexE().GetProperty("checksum").EnumerateArray())
        {
            var checksum = OsdpChecksum.Compute(Convert.FromHexString(example.GetProperty("message").GetString()!));
            Assert.Equal(example.GetProperty("checksum").GetString(), Convert.ToHexString([checksum]));
        }
    }

    [Fact]
    public void Every_capture_has_frames()
    {
        Assert.Equal(13 + 17 + 24 + 17, GoldenFrame.All().Count);
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void A_captured_frame_decodes_as_the_capture_says_and_encodes_back_to_the_same_bytes(GoldenFrame golden)
    {
        Assert.Equal(OsdpFrameCodec.Mark, golden.Bytes[0]);

        var frame = OsdpFrameCodec.Decode(golden.Bytes.AsSpan(1), out var problem);

        Assert.True(frame is not null, problem);
        Assert.Equal((golden.Address, golden.IsReply, golden.Sequence, golden.UseCrc), (frame.Address, frame.IsReply, frame.Sequence, frame.UseCrc));
        Assert.Equal(golden.Name, OsdpCodes.Name(frame.Code, frame.IsReply));
        Assert.Equal(golden.Data, frame.Data);
        Assert.Equal(golden.SecurityType, frame.SecurityType is { } type ? $"{type:X2}" : null);
        Assert.Equal(golden.SecurityData, frame.SecurityData);
        Assert.Equal(golden.Mac, frame.Mac);
        Assert.Equal(golden.Bytes, OsdpFrameCodec.Encode(frame));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(8)]
    public void A_flipped_bit_anywhere_is_a_check_error_not_a_frame(int index)
    {
        var packet = GoldenFrame.All()[0].Bytes[1..];
        packet[index] ^= 0x10;

        Assert.Null(OsdpFrameCodec.Decode(packet, out var problem));
        Assert.NotNull(problem);
    }
}
