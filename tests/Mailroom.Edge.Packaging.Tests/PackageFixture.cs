using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>
/// The package under test, for this machine's architecture: the one named by <c>MAILROOM_EDGE_DEB</c> (set by
/// <c>./build.sh package test</c> or by hand, to save the ~30 s publish), else built once by deploy/build-deb.sh.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageVariable = "MAILROOM_EDGE_DEB";

    private readonly TempDirectory _output = new("mailroom-deb");

    public PackageFixture()
    {
        Architecture = Tool.Run("dpkg", ["--print-architecture"]).Succeeded().Stdout.Trim();
        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } prebuilt)
        {
            Assert.True(File.Exists(prebuilt), $"{PackageVariable}={prebuilt} does not exist");
            Deb = prebuilt;
            return;
        }
        var build = Tool.Run(Repository.File("deploy/build-deb.sh"), ["--arch", Architecture, "--out", _output.Path], timeout: TimeSpan.FromMinutes(4)).Succeeded();
        Deb = build.Stdout.Trim().Split('\n')[^1];
    }

    public string Architecture { get; }

    public string Deb { get; }

    public void Dispose() => _output.Dispose();
}
