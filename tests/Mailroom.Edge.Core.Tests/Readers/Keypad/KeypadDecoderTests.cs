using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Keypad;

public class KeypadDecoderTests
{
    [Theory]
    [InlineData("0000", KeypadKey.D0)]
    [InlineData("1001", KeypadKey.D9)]
    [InlineData("1010", KeypadKey.Star)]
    [InlineData("1011", KeypadKey.Hash)]
    [InlineData("11100001", KeypadKey.D1)]
    [InlineData("01011010", KeypadKey.Star)]
    [InlineData("01001011", KeypadKey.Hash)]
    public void Four_and_eight_bit_bursts_are_one_key(string bits, KeypadKey key)
    {
        Assert.True(KeypadDecoder.TryDecode(WiegandBits.Parse(bits), out var keys, out var error), error);
        Assert.Equal([key], keys);
    }

    [Theory]
    [InlineData("11110001", "complement")]
    [InlineData("00000001", "complement")]
    [InlineData("1100", "not 0-9")]
    [InlineData("00111100", "not 0-9")]
    [InlineData("10101", "not a keypad frame")]
    public void Bad_bursts_are_rejected(string bits, string expected)
    {
        Assert.False(KeypadDecoder.TryDecode(WiegandBits.Parse(bits), out var keys, out var error));
        Assert.Empty(keys);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Every_key_round_trips_through_each_single_key_framing()
    {
        foreach (var key in Enum.GetValues<KeypadKey>())
        {
            foreach (var framing in new[] { KeypadFraming.FourBit, KeypadFraming.EightBit })
            {
                var frame = Assert.Single(KeypadDecoder.Frames([key], framing));
                Assert.True(KeypadDecoder.TryDecode(frame, out var keys, out _));
                Assert.Equal([key], keys);
            }
        }
    }

    [Fact]
    public void A_packed_26_bit_frame_carries_keys_as_nibbles_padded_with_F()
    {
        var frame = KeypadDecoder.Pack(KeypadDecoder.ParseKeys("12#"));

        // Independently: nibbles 1,2,B,F,F,F = 0x12BFFF in bits 1-24; even parity over 1-12 (0x12B: 5 ones -> 1),
        // odd parity over 13-24 (0xFFF: 12 ones -> 1).
        Assert.Equal("1" + "000100101011111111111111" + "1", frame.ToString());
        Assert.True(KeypadDecoder.TryDecode(frame, out var keys, out _));
        Assert.Equal(KeypadDecoder.ParseKeys("12#"), keys);
    }

    [Fact]
    public void Packed_frames_with_bad_parity_or_a_key_after_padding_are_rejected()
    {
        var good = KeypadDecoder.Pack(KeypadDecoder.ParseKeys("1234#"));
        var flipped = new WiegandBits(good.Value ^ (1UL << 5), 26);
        Assert.False(KeypadDecoder.TryDecode(flipped, out _, out var parityError));
        Assert.Contains("parity", parityError);

        var afterPadding = CardFormatCodec.Encode(CardFormats.H10301, 0x1F, 0x2FFF);
        Assert.False(KeypadDecoder.TryDecode(afterPadding, out _, out var paddingError));
        Assert.Contains("padding", paddingError);
    }

    [Fact]
    public void Seven_keys_take_two_packed_frames()
    {
        var frames = KeypadDecoder.Frames(KeypadDecoder.ParseKeys("123456#"), KeypadFraming.Packed26).ToList();

        Assert.Equal(2, frames.Count);
        var keys = frames.SelectMany(f => KeypadDecoder.TryDecode(f, out var k, out _) ? k : []).ToList();
        Assert.Equal(KeypadDecoder.ParseKeys("123456#"), keys);
    }
}
