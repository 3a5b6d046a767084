using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers;

public class CardFormatsTests
{
    public static TheoryData<string, string, uint?, ulong> Golden => CardFormatGoldenVectors.Rows;

    public static TheoryData<string> Fixed => new(CardFormats.All.Where(f => !f.AnyLength).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Golden))]
    public void Golden_vectors_decode_to_their_fields_and_encode_back(string format, string bits, uint? facility, ulong number)
    {
        var definition = CardFormats.Find(format)!;

        var result = CardFormatCodec.Decode(WiegandBits.Parse(bits), definition);

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new CardCredential(format, facility, number), result.Credential);
        Assert.Equal(bits, CardFormatCodec.Encode(definition, facility, number).ToString());
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Random_fields_round_trip(string name)
    {
        var format = CardFormats.Find(name)!;
        var random = new Random(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF);
        for (var i = 0; i < 5_000; i++)
        {
            var facility = format.Facility is { } f ? (uint?)(uint)(random.NextInt64() & ((1L << f.Length) - 1)) : null;
            var number = (ulong)random.NextInt64() & ((1UL << format.Number.Length) - 1);

            var decoded = CardFormatCodec.Decode(CardFormatCodec.Encode(format, facility, number), format);

            Assert.Equal(new CardCredential(format.Name, facility, number), decoded.Credential);
        }
    }

    [Theory]
    [MemberData(nameof(Fixed))]
    public void Every_single_bit_flip_of_a_valid_frame_is_rejected(string name)
    {
        var format = CardFormats.Find(name)!;
        var random = new Random(3);
        for (var run = 0; run < 50; run++)
        {
            var facility = format.Facility is { } f ? (uint?)(uint)(random.NextInt64() & ((1L << f.Length) - 1)) : null;
            var valid = CardFormatCodec.Encode(format, facility, (ulong)random.NextInt64() & ((1UL << format.Number.Length) - 1));
            for (var i = 0; i < valid.Length; i++)
            {
                var flipped = new WiegandBits(valid.Value ^ (1UL << (valid.Length - 1 - i)), valid.Length);
                Assert.Equal(CardDecodeStatus.ParityError, CardFormatCodec.Decode(flipped, format).Status);
            }
        }
    }

    [Fact]
    public void Corporate_1000_35_parity_bits_follow_the_interleaved_masks()
    {
        var format = CardFormats.Corporate1000Bit35;

        Assert.Equal("2-3,5-6,8-9,11-12,14-15,17-18,20-21,23-24,26-27,29-30,32-33", BitRanges.Format(format.Parity[0].Covers));
        Assert.Equal("1-2,4-5,7-8,10-11,13-14,16-17,19-20,22-23,25-26,28-29,31-32", BitRanges.Format(format.Parity[1].Covers));
        Assert.Equal("1-34", BitRanges.Format(format.Parity[2].Covers));
    }

    [Fact]
    public void Shipped_formats_are_self_consistent_and_uniquely_named()
    {
        foreach (var format in CardFormats.All)
            Assert.Null(format.Validate());
        Assert.Equal(CardFormats.All.Count, CardFormats.All.Select(f => f.Name.ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public void Bit_length_alone_does_not_identify_a_format()
    {
        var frame = WiegandBits.Parse("1000000000010101000000000011111010010");

        var h10302 = CardFormatCodec.Decode(frame, CardFormats.H10302);
        var h10304 = CardFormatCodec.Decode(frame, CardFormats.H10304);

        Assert.Equal(new CardCredential("H10302", null, 22021097), h10302.Credential);
        Assert.Equal(new CardCredential("H10304", 42, 1001), h10304.Credential);
    }

    [Fact]
    public void Raw_takes_any_length_and_records_it_in_the_format()
    {
        var result = CardFormatCodec.Decode(WiegandBits.Parse("101"), CardFormats.Raw);

        Assert.Equal(new CardCredential("Raw3", null, 5), result.Credential);
        Assert.Equal("101", CardFormatCodec.Encode(CardFormats.Find("raw3")!, null, 5).ToString());
        Assert.Throws<ArgumentException>(() => CardFormatCodec.Encode(CardFormats.Raw, null, 5));
        Assert.Null(CardFormats.Find("Raw65"));
    }

    [Fact]
    public void A_parity_bit_covering_another_is_computed_after_it_whatever_the_listed_order()
    {
        var reversed = CardFormats.Corporate1000Bit35 with { Name = "C1000-35r", Parity = CardFormats.Corporate1000Bit35.Parity.Reverse().ToList() };

        Assert.Equal(CardFormatCodec.Encode(CardFormats.Corporate1000Bit35, 3522, 123456).Value,
            CardFormatCodec.Encode(reversed, 3522, 123456).Value);
    }

    [Theory]
    [InlineData("0:0-3", "parity bit 0 covers itself")]
    [InlineData("9:1-3", "inside the facility or number")]
    [InlineData("0:1-8,25;25:0", "cycle")]
    [InlineData("0:1-30", "outside the 26-bit frame")]
    public void Inconsistent_definitions_are_explained(string rules, string expected)
    {
        var parity = rules.Split(';').Select(r => r.Split(':')).Select(r => new ParityRule(int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), ParitySense.Even, BitRanges.Parse(r[1]))).ToList();
        var format = CardFormats.H10301 with { Name = "Bad", Parity = parity };

        Assert.Contains(expected, format.Validate());
    }

    [Theory]
    [InlineData("1-12", "1-12")]
    [InlineData(" 2-3, 5-6 ,8 ", "2-3,5-6,8")]
    public void Bit_ranges_parse_and_format(string text, string formatted) =>
        Assert.Equal(formatted, BitRanges.Format(BitRanges.Parse(text)));

    [Theory]
    [InlineData("")]
    [InlineData("3-1")]
    [InlineData("a-b")]
    [InlineData("-4")]
    public void Bad_bit_ranges_are_refused(string text) => Assert.False(BitRanges.TryParse(text, out _, out _));

    [Fact]
    public void A_site_catalog_adds_formats_but_cannot_shadow_a_shipped_one()
    {
        var site = CardFormats.H10301 with { Name = "ACME-26" };
        var catalog = new CardFormatCatalog([site]);

        Assert.Same(site, catalog.Find("acme-26"));
        Assert.Same(CardFormats.H10304, catalog.Find("H10304"));
        Assert.Throws<ArgumentException>(() => new CardFormatCatalog([CardFormats.H10301 with { Length = 26 }]));
    }
}
