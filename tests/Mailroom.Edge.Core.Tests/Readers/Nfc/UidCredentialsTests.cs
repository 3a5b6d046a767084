using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Nfc;

public sealed class UidCredentialsTests
{
    private static CardUid Uid(string hex) => new(Convert.FromHexString(hex));

    [Theory]
    [InlineData("DEADBEEF", null, 0xDEADBEEFUL)]
    [InlineData("04A22B1AC35D80", null, 0x04A22B1AC35D80UL)]
    [InlineData("04A22B1AC35D80112233", 0x04A2U, 0x2B1AC35D80112233UL)]
    public void The_whole_uid_is_the_number_and_a_ten_byte_uid_keeps_its_first_two_bytes_as_the_facility(string hex, uint? facility, ulong number)
    {
        var result = UidCredentials.Decode(Uid(hex), [CardFormats.Uid]);

        Assert.True(result.IsOk);
        Assert.Equal(new CardCredential("Uid", facility, number), result.Credential);
    }

    [Fact]
    public void A_site_format_maps_the_bits_of_a_four_byte_uid_and_is_tried_in_the_readers_order()
    {
        var site = new CardFormat { Name = "Campus32", Length = 32, Facility = new BitRange(0, 8), Number = new BitRange(8, 24) };

        var result = UidCredentials.Decode(Uid("2A00BEEF"), [site, CardFormats.Uid]);

        Assert.Equal(new CardCredential("Campus32", 0x2A, 0x00BEEF), result.Credential);
    }

    [Fact]
    public void A_ten_byte_uid_fits_no_site_format_and_says_why()
    {
        var site = new CardFormat { Name = "Campus32", Length = 32, Number = new BitRange(0, 32) };

        var result = UidCredentials.Decode(Uid("04A22B1AC35D80112233"), [site]);

        Assert.False(result.IsOk);
        Assert.Contains("10-byte UID does not fit Campus32", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Uid_is_reserved_and_not_a_wiegand_format()
    {
        Assert.Null(CardFormats.Find("Uid"));
        Assert.Same(CardFormats.Uid, CardFormatCatalog.Shipped.Find("uid"));
        var clash = new CardFormat { Name = "UID", Length = 32, Number = new BitRange(0, 32) };
        Assert.Throws<ArgumentException>(() => new CardFormatCatalog([clash]));
    }
}
