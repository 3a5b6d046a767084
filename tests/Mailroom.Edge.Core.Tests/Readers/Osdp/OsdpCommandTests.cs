using Mailroom.Edge.Core.Readers.Osdp;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Readers.Osdp;

/// <summary>The commands the agent will send, built from what the plaintext capture's decoder said each captured command
/// meant, must come out as the captured bytes.</summary>
public sealed class OsdpCommandTests
{
    private static byte[] Captured(string name) => GoldenFrame.All().First(f => f.File == "plain.txt" && f.Name == name).Data;

    [Fact]
    public void The_captured_LED_command_is_rebuilt_byte_for_byte()
    {
        // [reader=0 led=0 temp[cc=0 on=0 off=0 onc=0 offc=0 timer=0] perm[cc=1 on=1 off=0 onc=2 offc=0]]
        var led = new OsdpLedCommand(0, 0, OsdpLedSetting.Unchanged, 0, new OsdpLedSetting(1, 1, 0, OsdpColor.Green, OsdpColor.Black));

        Assert.Equal(Captured("LED"), led.Encode());
    }

    [Fact]
    public void The_captured_buzzer_command_is_rebuilt_byte_for_byte()
    {
        // [reader=0 tone=2 on=2 off=1 rep=3]
        Assert.Equal(Captured("BUZ"), new OsdpBuzzerCommand(0, 2, 2, 1, 3).Encode());
    }

    [Fact]
    public void The_captured_text_command_is_rebuilt_byte_for_byte()
    {
        // [reader=0 cc=1 temp=0 row=1 col=1 len=5 text='HELLO']
        Assert.Equal(Captured("TEXT"), new OsdpTextCommand(0, 1, 0, 1, 1, "HELLO").Encode());
    }

    [Fact]
    public void Text_for_a_display_never_carries_a_control_byte()
    {
        var bytes = new OsdpTextCommand(0, 1, 0, 1, 1, "A\u001b[2JB\u00e9").Encode();

        Assert.Equal("A?[2JB?", System.Text.Encoding.ASCII.GetString(bytes[6..]));
    }

    [Fact]
    public void A_NAK_without_its_error_code_is_not_a_NAK()
    {
        Assert.Null(OsdpNak.Parse([]));
        Assert.Equal(6, OsdpNak.Parse([6])!.Error);
    }
}
