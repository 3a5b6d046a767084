using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers;

public class WiegandBitsTests
{
    [Fact]
    public void Parse_reads_first_bit_sent_as_index_zero()
    {
        var bits = WiegandBits.Parse("10 0_1");

        Assert.Equal(4, bits.Length);
        Assert.True(bits[0]);
        Assert.False(bits[1]);
        Assert.True(bits[3]);
        Assert.Equal("1001", bits.ToString());
        Assert.Equal(0b01UL, bits.Range(2, 2));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("10201", "'2' is not a bit")]
    public void Parse_explains_bad_input(string text, string expected)
    {
        Assert.False(WiegandBits.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Parse_rejects_more_than_64_bits()
    {
        Assert.False(WiegandBits.TryParse(new string('1', 65), out _, out var error));
        Assert.Contains("64", error);
    }

    [Fact]
    public void Append_builds_the_same_frame_as_parse()
    {
        var built = new WiegandBits(1, 1).Append(false).Append(true);

        Assert.Equal(WiegandBits.Parse("101"), built);
    }
}
