using System.Text.Json;
using Mailroom.Edge.Host.Configuration;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>config/mailroom-edge.json lists every <c>Video</c> key with the code's default, so the file an installer
/// edits and the defaults the agent runs with cannot drift apart.</summary>
public class ShippedVideoDefaultsTests
{
    [Fact]
    public void The_shipped_file_lists_every_Video_key_with_the_codes_default()
    {
        var section = new ConfigurationBuilder().AddJsonFile(RepoFile("config/mailroom-edge.json"), optional: false, reloadOnChange: false)
            .Build().GetSection("Video");
        var shipped = new VideoOptions();
        section.Bind(shipped, binder => binder.ErrorOnUnknownConfiguration = true);

        Assert.Equal(
            typeof(VideoOptions).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal),
            section.GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal(JsonSerializer.Serialize(new VideoOptions()), JsonSerializer.Serialize(shipped));
    }

    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Mailroom.Edge.sln")))
            dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }
}
