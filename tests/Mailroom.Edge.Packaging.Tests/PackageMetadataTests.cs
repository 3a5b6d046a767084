using Xunit.Abstractions;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>What <c>dpkg-deb -I</c>, <c>-c</c> and the unpacked files say about each package, before anything is installed.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageMetadataTests(PackageFixture package, ITestOutputHelper output)
{
    /// <summary>ELF e_machine of each shipped architecture (System V ABI, "Machine" table).</summary>
    private static readonly Dictionary<string, ushort> Machines = new() { ["arm64"] = 0xB7, ["amd64"] = 0x3E };

    /// <summary>
    /// The Debian package that provides each system library the runtime and our natives are linked against (readelf -d
    /// NEEDED). A NEEDED library that is neither here nor in the package has no Depends to bring it: the test fails.
    /// </summary>
    private static readonly Dictionary<string, string> LibraryPackages = new()
    {
        ["libc.so.6"] = "libc6", ["libm.so.6"] = "libc6", ["libdl.so.2"] = "libc6", ["libpthread.so.0"] = "libc6",
        ["librt.so.1"] = "libc6", ["ld-linux-aarch64.so.1"] = "libc6", ["ld-linux-x86-64.so.2"] = "libc6",
        ["libstdc++.so.6"] = "libstdc++6", ["libgcc_s.so.1"] = "libgcc-s1",
    };

    public static TheoryData<string> Architectures => [.. PackageFixture.ShippedArchitectures];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Control_names_the_runtime_dependencies_and_no_dotnet_runtime(string architecture)
    {
        if (Deb(architecture) is not { } deb)
            return;
        var control = Tool.Run("dpkg-deb", ["-f", deb]).Succeeded().Stdout;

        Assert.Contains("Package: mailroom-edge\n", control, StringComparison.Ordinal);
        Assert.Contains($"Architecture: {architecture}\n", control, StringComparison.Ordinal);
        var depends = Depends(deb);
        Assert.Contains("libmosquitto1 (>= 2.0)", depends);
        Assert.Contains("ffmpeg", depends);
        Assert.Contains("passwd", depends);
        // Self-contained: the runtime is in the package; what it needs of the system is named instead.
        Assert.DoesNotContain(depends, d => d.Contains("dotnet", StringComparison.Ordinal));
        Assert.Contains("libc6 (>= 2.34)", depends);
        Assert.Contains("libstdc++6 (>= 6)", depends);
        Assert.Contains("libgcc-s1 (>= 3.0)", depends);
        // OpenSSL is dlopen'ed by the crypto shim (no NEEDED entry shows it); tzdata serves Schedules:*:TimeZone.
        Assert.Contains("libssl3 | libssl3t64", depends);
        Assert.Contains("tzdata", depends);
        // InvariantGlobalization: no ICU.
        Assert.DoesNotContain(depends, d => d.Contains("libicu", StringComparison.Ordinal));
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

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Contents_put_the_app_and_its_runtime_in_opt_and_a_link_to_its_apphost_on_the_path(string architecture)
    {
        if (Deb(architecture) is not { } deb)
            return;
        var lines = Tool.Run("dpkg-deb", ["-c", deb]).Succeeded().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var entries = lines.ToDictionary(l => Entry(l), l => l);

        Assert.Contains("/opt/mailroom-edge/mailroom-edge.dll", entries.Keys);
        Assert.Contains("/opt/mailroom-edge/config/mailroom-edge.json", entries.Keys);
        Assert.Contains("/lib/systemd/system/mailroom-edge.service", entries.Keys);
        Assert.Contains("/etc/mailroom-edge/mailroom-edge.json", entries.Keys);
        Assert.Contains("/etc/mailroom-edge/mailroom-edge.example.json", entries.Keys);
        Assert.Contains("/usr/share/doc/mailroom-edge/install.md", entries.Keys);

        // The apphost, the runtime next to it (self-contained), SQLite flat in the folder (a RID-specific publish).
        Assert.Contains("/opt/mailroom-edge/mailroom-edge", entries.Keys);
        Assert.StartsWith("-rwxr-xr-x", entries["/opt/mailroom-edge/mailroom-edge"], StringComparison.Ordinal);
        foreach (var native in new[] { "libhostfxr.so", "libhostpolicy.so", "libcoreclr.so", "libclrjit.so", "libSystem.Native.so", "libSystem.Security.Cryptography.Native.OpenSsl.so", "libe_sqlite3.so" })
            Assert.Contains($"/opt/mailroom-edge/{native}", entries.Keys);
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith("/opt/mailroom-edge/runtimes/", StringComparison.Ordinal));
        // A relative link, so the command also runs inside an image or a root installed with dpkg --root.
        Assert.StartsWith("lrwxrwxrwx", entries["/usr/bin/mailroom-edge"], StringComparison.Ordinal);
        Assert.EndsWith("/usr/bin/mailroom-edge -> ../../opt/mailroom-edge/mailroom-edge", entries["/usr/bin/mailroom-edge"], StringComparison.Ordinal);

        // State and logs are made by postinst, so remove keeps them.
        Assert.DoesNotContain(entries.Keys, k => k.StartsWith("/var/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Apphosts_and_every_native_library_are_elf_for_the_package_architecture(string architecture)
    {
        if (AppFolder(architecture) is not { } app)
            return;
        var expected = Machines[architecture];

        foreach (var name in Apps())
            Assert.Equal((name, expected), (name, ElfMachine(Path.Combine(app, name)) ?? 0));
        var elves = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Where(f => ElfMachine(f) is not null).ToList();
        Assert.Contains(elves, f => Path.GetFileName(f) == "libcoreclr.so");
        Assert.All(elves, f => Assert.Equal((Path.GetFileName(f), expected), (Path.GetFileName(f), ElfMachine(f)!.Value)));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Every_library_the_natives_are_linked_against_is_in_the_package_or_its_depends(string architecture)
    {
        if (AppFolder(architecture) is not { } app)
            return;
        var depends = Depends(package.DebFor(architecture)!).SelectMany(d => d.Split('|')).Select(d => d.Trim().Split(' ')[0]).ToHashSet();
        var elves = Directory.GetFiles(app, "*", SearchOption.AllDirectories).Where(f => ElfMachine(f) is not null).ToList();

        foreach (var elf in elves)
        {
            var needed = Tool.Run("readelf", ["-d", elf]).Succeeded().Stdout.Split('\n')
                .Where(l => l.Contains("(NEEDED)", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf('[', StringComparison.Ordinal) + 1)..l.LastIndexOf(']')]);
            foreach (var library in needed)
            {
                if (File.Exists(Path.Combine(Path.GetDirectoryName(elf)!, library)))
                    continue;
                Assert.True(LibraryPackages.TryGetValue(library, out var provider), $"{Path.GetFileName(elf)} needs {library}, which neither the package nor a known Depends provides");
                Assert.True(depends.Contains(provider!), $"{Path.GetFileName(elf)} needs {library} from {provider}, which is not in Depends: {string.Join(", ", depends)}");
            }
        }
        Assert.Contains(elves, f => Path.GetFileName(f) == "libcoreclr.so");
    }

    [Fact]
    public void Mailroomctl_is_packaged_when_its_project_exists()
    {
        var exists = Apps().Contains("mailroomctl");
        var contents = Tool.Run("dpkg-deb", ["-c", package.Deb]).Succeeded().Stdout;

        Assert.Equal(exists, contents.Contains("./usr/bin/mailroomctl -> ../../opt/mailroom-edge/mailroomctl", StringComparison.Ordinal));
        Assert.Equal(exists, contents.Contains("./opt/mailroom-edge/mailroomctl\n", StringComparison.Ordinal));
    }

    private string? Deb(string architecture)
    {
        if (package.DebFor(architecture) is { } deb)
            return deb;
        output.WriteLine($"skipped: {PackageFixture.PackageVariable} names no {architecture} package");
        return null;
    }

    /// <summary>/opt/mailroom-edge of the <paramref name="architecture"/> package, unpacked; null when there is none.</summary>
    private string? AppFolder(string architecture) =>
        Deb(architecture) is { } deb ? Path.Combine(package.Extracted(deb), "opt/mailroom-edge") : null;

    private static string[] Depends(string deb) =>
        Tool.Run("dpkg-deb", ["-f", deb, "Depends"]).Succeeded().Stdout.Trim().Split(", ");

    private static string Entry(string line)
    {
        var path = line[(line.IndexOf("./", StringComparison.Ordinal) + 1)..].TrimEnd('/');
        var arrow = path.IndexOf(" -> ", StringComparison.Ordinal);
        return arrow < 0 ? path : path[..arrow];
    }

    private static List<string> Apps()
    {
        var apps = new List<string> { "mailroom-edge" };
        if (Directory.GetFiles(Repository.File("src"), "*.csproj", SearchOption.AllDirectories)
            .Any(p => File.ReadAllText(p).Contains("<AssemblyName>mailroomctl</AssemblyName>", StringComparison.Ordinal)))
            apps.Add("mailroomctl");
        return apps;
    }

    /// <summary>e_machine of an ELF file (little-endian, offset 18), or null when <paramref name="path"/> is not one.</summary>
    private static ushort? ElfMachine(string path)
    {
        if (!File.Exists(path))
            return null;
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[20];
        if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !header[..4].SequenceEqual("\u007fELF"u8))
            return null;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(header[18..]);
    }
}
