namespace Mailroom.Edge.Gpio.Tests.Layout;

public class UapiLayoutTests
{
    [Fact]
    public void Managed_structs_ioctls_and_constants_match_the_system_linux_gpio_h()
    {
        int compared = SystemHeaderLayoutCheck.Run();

        Assert.Equal(UapiLayoutManifest.Items().Count, compared);
        Assert.True(compared > 90, $"only {compared} items compared");
    }
}
