using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>
/// The package under test, for this machine's architecture: the one named by <c>PREBUILT_MAILROOM_DEB</c> (to save
/// the ~30 s publish), else built once by deploy/build-deb.sh. Not MAILROOM_…: the agent binds every MAILROOM_
/// variable as configuration and rejects unknown keys, and the installed agent inherits the test's environment.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageVariable = "PREBUILT_MAILROOM_DEB";

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
