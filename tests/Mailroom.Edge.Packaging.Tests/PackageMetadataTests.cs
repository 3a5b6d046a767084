namespace Mailroom.Edge.Packaging.Tests;

/// <summary>What <c>dpkg-deb -I</c> and <c>-c</c> say about the package, before anything is installed.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageMetadataTests(PackageFixture package)
{
    [Fact]
    public void Control_names_the_runtime_dependencies()
    {
        var control = Tool.Run("dpkg-deb", ["-f", package.Deb]).Succeeded().Stdout;

        Assert.Contains("Package: mailroom-edge\n", control, StringComparison.Ordinal);
        Assert.Contains($"Architecture: {package.Architecture}\n", control, StringComparison.Ordinal);
        var depends = control.Split('\n').Single(l => l.StartsWith("Depends: ", StringComparison.Ordinal));
        Assert.Contains("libmosquitto1 (>= 2.0)", depends, StringComparison.Ordinal);
        Assert.Contains("ffmpeg", depends, StringComparison.Ordinal);
        Assert.Contains("dotnet-runtime-10.0 | aspnetcore-runtime-10.0", depends, StringComparison.Ordinal);
    }

    [Fact]
    public void Operator_files_are_conffiles_and_maintainer_scripts_are_there()
    {
        var info = Tool.Run("dpkg-deb", ["-I", package.Deb]).Succeeded().Stdout;
        foreach (var script in new[] { "postinst", "prerm", "postrm", "conffiles" })
            Assert.Contains($" {script} ", info, StringComparison.Ordinal);

        var conffiles = Tool.Run("dpkg-deb", ["-I", package.Deb, "conffiles"]).Succeeded().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["/etc/mailroom-edge/mailroom-edge.json", "/etc/mailroom-edge/mailroom-edge.example.json"], conffiles);
    }

    [Fact]
    public void Contents_put_the_app_in_opt_a_wrapper_on_the_path_and_only_this_architectures_natives()
    {
        var lines = Tool.Run("dpkg-deb", ["-c", package.Deb]).Succeeded().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.ToDictionary(l => l[(l.IndexOf("./", StringComparison.Ordinal) + 1)..].TrimEnd('/'), l => l[..10]);

        Assert.Contains("/opt/mailroom-edge/mailroom-edge.dll", entries.Keys);
        Assert.Contains("/opt/mailroom-edge/config/mailroom-edge.json", entries.Keys);
        Assert.Equal("-rwxr-xr-x", entries["/usr/bin/mailroom-edge"]);
        Assert.Contains("/lib/systemd/system/mailroom-edge.service", entries.Keys);
        Assert.Contains("/etc/mailroom-edge/mailroom-edge.json", entries.Keys);
        Assert.Contains("/etc/mailroom-edge/mailroom-edge.example.json", entries.Keys);
        Assert.Contains("/usr/share/doc/mailroom-edge/install.md", entries.Keys);

        var rid = package.Architecture == "arm64" ? "linux-arm64" : "linux-x64";
        Assert.Contains($"/opt/mailroom-edge/runtimes/{rid}/native/libe_sqlite3.so", entries.Keys);
        var runtimes = entries.Keys.Where(k => k.StartsWith("/opt/mailroom-edge/runtimes/", StringComparison.Ordinal))
            .Select(k => k.Split('/')[4]).Distinct();
        Assert.Equal([rid], runtimes);

        // An apphost would be an ELF for the build machine only; state and logs are made by postinst, so remove keeps them.
        Assert.DoesNotContain("/opt/mailroom-edge/mailroom-edge", entries.Keys);
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith("/var/", StringComparison.Ordinal));
    }

    [Fact]
    public void Mailroomctl_is_packaged_when_its_project_exists()
    {
        var exists = Directory.GetFiles(Repository.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Any(p => File.ReadAllText(p).Contains("<AssemblyName>mailroomctl</AssemblyName>", StringComparison.Ordinal));
        var contents = Tool.Run("dpkg-deb", ["-c", package.Deb]).Succeeded().Stdout;

        Assert.Equal(exists, contents.Contains("./usr/bin/mailroomctl", StringComparison.Ordinal));
    }
}
