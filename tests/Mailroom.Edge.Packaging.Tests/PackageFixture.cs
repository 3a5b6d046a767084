using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>
/// The packages under test, one per architecture we ship (arm64, amd64): those named by <c>PREBUILT_MAILROOM_DEB</c>
/// (one path, or several separated by ':', to save the publishes), else built once by deploy/build-deb.sh (a few
/// minutes). Not MAILROOM_…: the agent binds every MAILROOM_ variable as configuration and rejects unknown keys, and
/// the installed agent inherits the test's environment. <see cref="Deb"/> is this machine's, which the install test runs.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageVariable = "PREBUILT_MAILROOM_DEB";

    public static readonly string[] ShippedArchitectures = ["arm64", "amd64"];

    private readonly TempDirectory _output = new("mailroom-deb");
    private readonly Dictionary<string, string> _debs = [];
    private readonly Dictionary<string, string> _extracted = [];

    public PackageFixture()
    {
        Architecture = Tool.Run("dpkg", ["--print-architecture"]).Succeeded().Stdout.Trim();
        IEnumerable<string> debs;
        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } prebuilt)
        {
            debs = prebuilt.Split(':', StringSplitOptions.RemoveEmptyEntries);
            foreach (var deb in debs)
                Assert.True(File.Exists(deb), $"{PackageVariable}: {deb} does not exist");
        }
        else
        {
            var architectures = ShippedArchitectures.Contains(Architecture) ? ShippedArchitectures : [.. ShippedArchitectures, Architecture];
            debs = Tool.Run(Repository.File("deploy/build-deb.sh"), ["--arch", string.Join(' ', architectures), "--out", _output.Path], timeout: TimeSpan.FromMinutes(12))
                .Succeeded().Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        foreach (var deb in debs)
            _debs[Tool.Run("dpkg-deb", ["-f", deb, "Architecture"]).Succeeded().Stdout.Trim()] = deb;
        Assert.True(_debs.ContainsKey(Architecture), $"no package for this machine's architecture {Architecture}");
    }

    /// <summary>This machine's dpkg architecture.</summary>
    public string Architecture { get; }

    /// <summary>The package for this machine's architecture.</summary>
    public string Deb => _debs[Architecture];

    /// <summary>The package for <paramref name="architecture"/>, or null when a prebuilt set has none.</summary>
    public string? DebFor(string architecture) => _debs.GetValueOrDefault(architecture);

    /// <summary>The files of <paramref name="deb"/>, unpacked once (<c>dpkg-deb -x</c>) into a folder of the fixture's.</summary>
    public string Extracted(string deb)
    {
        lock (_extracted)
        {
            if (!_extracted.TryGetValue(deb, out var root))
            {
                root = _output.File($"extracted-{_extracted.Count}");
                Tool.Run("dpkg-deb", ["-x", deb, root]).Succeeded();
                _extracted[deb] = root;
            }
            return root;
        }
    }

    public void Dispose() => _output.Dispose();
}
