using Mailroom.Edge.Video.Ring;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Pure;

public class SegmentListParserTests
{
    [Fact]
    public void Parses_ffmpegs_csv_lines()
    {
        var entries = SegmentListParser.Parse("r000001-00000000.ts,0.000000,1.000000\nr000001-00000001.ts,1.000000,2.040000\n");
        Assert.Equal([new SegmentListEntry("r000001-00000000.ts", 0, 1), new SegmentListEntry("r000001-00000001.ts", 1, 2.04)], entries);
    }

    [Fact]
    public void Unquotes_names_with_commas_and_quotes()
    {
        var entries = SegmentListParser.Parse("\"a,\"\"b\"\".ts\",3.5,4.5\r\n");
        Assert.Equal(new SegmentListEntry("a,\"b\".ts", 3.5, 4.5), Assert.Single(entries));
    }

    [Theory]
    [InlineData("r1.ts,0.0")]
    [InlineData("r1.ts,abc,1.0")]
    [InlineData("r1.ts,2.0,1.0")]
    [InlineData("\"r1.ts,0.0,1.0")]
    [InlineData("../../etc/passwd,0.0,1.0")]
    [InlineData(",0.0,1.0")]
    public void Skips_torn_or_malformed_lines(string line) => Assert.Empty(SegmentListParser.Parse(line + "\n"));

    [Fact]
    public void A_torn_last_line_does_not_hide_the_complete_ones()
    {
        var entries = SegmentListParser.Parse("a.ts,0,1\nb.ts,1,2\nc.ts,2");
        Assert.Equal(["a.ts", "b.ts"], entries.Select(e => e.FileName));
    }
}
