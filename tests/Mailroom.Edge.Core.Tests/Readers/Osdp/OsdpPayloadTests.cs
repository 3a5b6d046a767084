using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Wiegand;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

/// <summary>The replies the agent reads, parsed from the plaintext capture and compared with what the capture's own
/// decoder printed beside each frame.</summary>
public sealed class OsdpPayloadTests
{
    private static byte[] Data(string name) => GoldenFrame.All().First(f => f.File == "plain.txt" && f.Name == name).Data;

    [Fact]
    public void A_captured_card_read_is_the_26_bit_string_the_capture_decoded()
    {
        // [reader=0 format=1 bits=26 data=0C0A5B80]: the first 26 bits of 0C0A5B80.
        var read = OsdpCardRead.Parse(Data("RAW"), out var problem);

        Assert.True(read is not null, problem);
        Assert.Equal((byte)0, read.Reader);
        Assert.Equal((byte)1, read.Format);
        Assert.Equal(new WiegandBits(0x0C0A5B80UL >> 6, 26), read.Bits);
    }

    [Fact]
    public void Captured_keypad_keys_are_read_and_never_shown()
    {
        // [reader=0 n=5 keys='1234#']
        var keys = OsdpKeypadData.Parse(Data("KEYPAD"), out var problem);

        Assert.True(keys is not null, problem);
        Assert.Equal("1234#", keys.Keys);
        Assert.DoesNotContain("1234", keys.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_captured_identity_and_capabilities_read_as_the_capture_says()
    {
        // [vendor_bytes=0C0B0A model=153 ver=1 serial=01020304 fw=1.2.3]
        var id = OsdpDeviceIdentity.Parse(Data("PDID"), out var problem);
        Assert.True(id is not null, problem);
        Assert.Equal(new OsdpDeviceIdentity("0C0B0A", 153, 1, 0x01020304, "1.2.3"), id);

        // [caps=2/1/1 3/1/0 4/1/1 5/1/1 6/1/1 8/1/0 9/1/0 10/0/1 13/0/1 16/2/0]
        var caps = OsdpCapabilities.Parse(Data("PDCAP"), out problem);
        Assert.True(caps is not null, problem);
        Assert.Equal("2/1/1 3/1/0 4/1/1 5/1/1 6/1/1 8/1/0 9/1/0 10/0/1 13/0/1 16/2/0",
            string.Join(' ', caps.All.Select(c => $"{c.Function}/{c.Compliance}/{c.Number}")));
        Assert.True(caps.SecureChannel);
    }

    [Fact]
    public void A_capability_list_without_AES_is_seen_as_such()
    {
        var caps = OsdpCapabilities.Parse([9, 0, 0, 2, 1, 1], out _);

        Assert.False(caps!.SecureChannel);
    }

    [Theory]
    [InlineData("00011A000C0A5B", "carries 3 bytes")]
    [InlineData("0001000000", "RAW of 0 bits")]
    [InlineData("000141000C0A5B800C0A5B8001", "RAW of 65 bits")]
    [InlineData("0001", "at least 4 bytes")]
    public void A_malformed_card_read_is_refused_with_a_reason(string hex, string reason)
    {
        Assert.Null(OsdpCardRead.Parse(Convert.FromHexString(hex), out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0005313233")]
    [InlineData("000131FF")]
    [InlineData("00")]
    public void Malformed_keypad_data_is_refused(string hex)
    {
        Assert.Null(OsdpKeypadData.Parse(Convert.FromHexString(hex), out var problem));
        Assert.NotNull(problem);
    }
}
