using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Tests.Linux;

public class GpioErrorsTests
{
    private static GpioLineInfo Line(uint offset, string name, bool used = false, string consumer = "") =>
        new(new LineOffset(offset), name, used, consumer, IsOutput: false, ActiveLow: false);

    [Fact]
    public void Busy_names_the_line_and_the_consumer_that_holds_it()
    {
        var ex = GpioErrors.Busy([Line(17, "GPIO17"), Line(27, "GPIO27", used: true, consumer: "pigpiod")]);

        Assert.Equal(new LineOffset(27), ex.Offset);
        Assert.Equal("pigpiod", ex.Consumer);
        Assert.Contains("'pigpiod'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Busy_with_no_consumer_name_points_at_the_kernel()
    {
        var ex = GpioErrors.Busy([Line(4, "GPIO4", used: true)]);

        Assert.Contains("the kernel", ex.Consumer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Errno.EACCES)]
    [InlineData(Errno.EPERM)]
    public void Permission_denied_names_the_file_and_the_gpio_group(int errno)
    {
        var ex = Assert.IsType<GpioAccessDeniedException>(GpioErrors.Open("/dev/gpiochip0", errno, null));

        Assert.Contains("/dev/gpiochip0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("add the service user to the 'gpio' group", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_line_lists_the_names_that_exist()
    {
        var ex = GpioErrors.UnknownLine("GPIO99", "/dev/gpiochip0", [Line(0, "ID_SDA"), Line(1, ""), Line(2, "GPIO2")]);

        Assert.Contains("names on this chip: ID_SDA, GPIO2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("offsets 0..2", ex.Message, StringComparison.Ordinal);
    }
}
