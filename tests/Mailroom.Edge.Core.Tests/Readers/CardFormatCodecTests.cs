using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers;

public class CardFormatCodecTests
{
    // Computed independently (python, from the HID H10301 layout): P(even over 1-12) FFFFFFFF NNNNNNNNNNNNNNNN P(odd over 13-24).
    [Theory]
    [InlineData("10000000100000000000000010", 1u, 1ul)]
    [InlineData("00000000000000000000000001", 0u, 0ul)]
    [InlineData("01111111111111111111111111", 255u, 65535ul)]
    [InlineData("10010101000000011111010010", 42u, 1001ul)]
    public void H10301_golden_vectors_decode_to_their_fields(string bits, uint facility, ulong number)
    {
        var result = CardFormatCodec.Decode(WiegandBits.Parse(bits), CardFormats.H10301);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new CardCredential("H10301", facility, number), result.Credential);
        Assert.Equal(bits, CardFormatCodec.Encode(CardFormats.H10301, facility, number).ToString());
    }

    [Fact]
    public void Every_single_bit_flip_of_a_valid_frame_is_rejected()
    {
        var valid = CardFormatCodec.Encode(CardFormats.H10301, 42, 1001);
        for (var i = 0; i < valid.Length; i++)
        {
            var flipped = new WiegandBits(valid.Value ^ (1UL << (valid.Length - 1 - i)), valid.Length);
            var result = CardFormatCodec.Decode(flipped, CardFormats.H10301);
            Assert.Equal(CardDecodeStatus.ParityError, result.Status);
            Assert.Null(result.Credential);
        }
    }

    [Theory]
    [InlineData(25)]
    [InlineData(27)]
    [InlineData(34)]
    public void A_frame_of_another_length_is_not_H10301(int length)
    {
        var result = CardFormatCodec.Decode(new WiegandBits(0, length), CardFormats.H10301);

        Assert.Equal(CardDecodeStatus.LengthMismatch, result.Status);
        Assert.Contains($"{length} bits", result.Error);
    }

    [Fact]
    public void Fields_that_do_not_fit_cannot_be_encoded()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CardFormatCodec.Encode(CardFormats.H10301, 256, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CardFormatCodec.Encode(CardFormats.H10301, 1, 65536));
    }

    [Fact]
    public void Random_fields_round_trip()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var facility = (uint)random.Next(256);
            var number = (ulong)random.Next(65536);
            var decoded = CardFormatCodec.Decode(CardFormatCodec.Encode(CardFormats.H10301, facility, number), CardFormats.H10301);
            Assert.Equal(new CardCredential("H10301", facility, number), decoded.Credential);
        }
    }

    [Fact]
    public void Shipped_formats_are_self_consistent()
    {
        foreach (var format in CardFormats.All)
            Assert.Null(format.Validate());
    }
}
