using Xunit.Abstractions;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>Installs, upgrades, removes and purges the package in a throwaway root and runs the installed agent.</summary>
[Collection(PackageCollection.Name)]
public sealed class ThrowawayRootInstallTests(PackageFixture package, ITestOutputHelper output)
{
    [Fact]
    public void Install_configure_upgrade_remove_purge()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            // The maintainer scripts chown state to the service account, which needs root; CI runs as root.
            output.WriteLine("skipped: dpkg --root install needs root");
            return;
        }
        using var root = new ThrowawayRoot();

        root.Dpkg("-i", package.Deb).Succeeded();

        var passwd = File.ReadAllLines(root.File("etc/passwd"));
        Assert.Contains(passwd, l => l.StartsWith("mailroom-edge:x:", StringComparison.Ordinal) && l.EndsWith(":/var/lib/mailroom-edge:/usr/sbin/nologin", StringComparison.Ordinal));
        var groups = File.ReadAllLines(root.File("etc/group"));
        Assert.Contains(groups, l => l.StartsWith("gpio:", StringComparison.Ordinal) && l.EndsWith(":mailroom-edge", StringComparison.Ordinal));
        Assert.Contains(groups, l => l.StartsWith("video:", StringComparison.Ordinal) && l.EndsWith(":mailroom-edge", StringComparison.Ordinal));
        Assert.True(Directory.Exists(root.File("var/lib/mailroom-edge")));
        Assert.True(Directory.Exists(root.File("var/log/mailroom-edge")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(root.File("etc/mailroom-edge/mailroom-edge.json")));
        if (Tool.Find("systemctl") is not null)
            Assert.True(File.Exists(root.File("etc/systemd/system/multi-user.target.wants/mailroom-edge.service")), "enabled (not started) on install");

        // The installed command runs the installed app with no .NET on the machine's PATH: the example passes, the
        // untouched site file names what to fill in.
        var noDotnet = WithoutDotnet();
        var check = Tool.Run(root.File("usr/bin/mailroom-edge"), ["config", "check", "--config", root.File("etc/mailroom-edge/mailroom-edge.example.json")], noDotnet).Succeeded();
        // Without a /dev/gpiochip* here, the check says the lines were not checked, then passes.
        Assert.Contains("configuration ok: site hq, device mailroom-1, 2 door(s), 2 reader(s)", check.Stdout, StringComparison.Ordinal);
        var site = Tool.Run(root.File("usr/bin/mailroom-edge"), ["config", "check", "--config", root.File("etc/mailroom-edge/mailroom-edge.json")], noDotnet);
        Assert.NotEqual(0, site.ExitCode);
        Assert.Contains("Site", site.Stderr, StringComparison.Ordinal);

        // Self-contained: the host resolver and the runtime that ran it are the package's own (the host trace says which).
        var traced = Tool.Run(root.File("usr/bin/mailroom-edge"), ["--version"], new Dictionary<string, string?>(noDotnet) { ["COREHOST_TRACE"] = "1" }).Succeeded();
        Assert.Contains($"Resolved fxr [{root.File("opt/mailroom-edge/libhostfxr.so")}]", traced.Stderr, StringComparison.Ordinal);

        // Upgrade (same version again): the operator's edit of a conffile survives.
        File.WriteAllText(root.File("etc/mailroom-edge/mailroom-edge.json"), """{ "Site": "edited" }""");
        root.Dpkg("-i", package.Deb).Succeeded();
        Assert.Contains("edited", File.ReadAllText(root.File("etc/mailroom-edge/mailroom-edge.json")), StringComparison.Ordinal);

        // Remove: the program goes, the data, logs and configuration stay.
        File.WriteAllText(root.File("var/lib/mailroom-edge/outbox.db"), "events");
        root.Dpkg("-r", "mailroom-edge").Succeeded();
        Assert.False(File.Exists(root.File("opt/mailroom-edge/mailroom-edge.dll")));
        Assert.False(File.Exists(root.File("usr/bin/mailroom-edge")));
        Assert.True(File.Exists(root.File("var/lib/mailroom-edge/outbox.db")));
        Assert.True(File.Exists(root.File("etc/mailroom-edge/mailroom-edge.json")));

        // Purge: data, logs and configuration go too.
        root.Dpkg("-P", "mailroom-edge").Succeeded();
        Assert.False(Directory.Exists(root.File("var/lib/mailroom-edge")));
        Assert.False(Directory.Exists(root.File("var/log/mailroom-edge")));
        Assert.False(File.Exists(root.File("etc/mailroom-edge/mailroom-edge.json")));
    }

    /// <summary>
    /// The test's environment with every PATH folder that holds a <c>dotnet</c> left out (on this machine that is
    /// /usr/bin itself) and no DOTNET_ROOT: what a stock Raspberry Pi OS offers the agent.
    /// </summary>
    private static Dictionary<string, string?> WithoutDotnet()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(dir => !File.Exists(Path.Combine(dir, "dotnet")));
        var environment = new Dictionary<string, string?> { ["PATH"] = string.Join(':', path) };
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("DOTNET_ROOT", StringComparison.Ordinal)))
            environment[name] = null;
        Assert.Null(Tool.Find("dotnet", environment["PATH"]!));
        return environment;
    }
}
