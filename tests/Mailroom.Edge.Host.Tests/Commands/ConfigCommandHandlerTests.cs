using System.Text;
using System.Text.Json;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.RemoteCommands;

namespace Mailroom.Edge.Host.Tests.Commands;

/// <summary>The <c>config</c> command's answer leaves no secret in it, and still shows what is set.</summary>
public sealed class ConfigCommandHandlerTests
{
    [Fact]
    public void Secrets_are_redacted_and_the_rest_is_shown()
    {
        var options = new EdgeOptions();
        options.Mqtt.Password = "broker-secret";
        options.Credentials.PinIndexKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("pin-index-key-of-thirty-two-bytes!"));
        options.Cameras["door-cam"] = new CameraOptions { Url = "rtsp://viewer:camera-secret@10.0.0.20:554/stream1" };
        options.Cameras["open-cam"] = new CameraOptions { Url = "rtsp://10.0.0.21/stream1" };

        var bytes = ConfigCommandHandler.Effective(options);
        var text = Encoding.UTF8.GetString(bytes);
        var json = JsonDocument.Parse(bytes).RootElement;

        Assert.DoesNotContain("broker-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("camera-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(options.Credentials.PinIndexKey, text, StringComparison.Ordinal);
        Assert.Equal(ConfigCommandHandler.Redacted, json.GetProperty("Mqtt").GetProperty("Password").GetString());
        Assert.Equal("rtsp://***@10.0.0.20:554/stream1", json.GetProperty("Cameras").GetProperty("door-cam").GetProperty("Url").GetString());
        Assert.Equal("rtsp://10.0.0.21/stream1", json.GetProperty("Cameras").GetProperty("open-cam").GetProperty("Url").GetString());
    }
}
