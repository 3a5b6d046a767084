using System.Globalization;
using System.Text.RegularExpressions;
using Mailroom.Edge.Testing;
using Xunit.Abstractions;

namespace Mailroom.Edge.Packaging.Tests;

/// <summary>systemd's own judgement of the unit; skipped (with a note) where systemd-analyze is not installed.</summary>
public sealed partial class SystemdUnitTests(ITestOutputHelper output)
{
    private const double MaxExposure = 2.0;

    private static readonly string Unit = Repository.File("systemd/mailroom-edge.service");

    [Fact]
    public void Security_exposure_is_at_most_2()
    {
        if (!HaveAnalyzer())
            return;
        var result = Tool.Run("systemd-analyze", ["security", "--offline=true", "--no-pager", Unit]).Succeeded();
        output.WriteLine(result.Stdout);

        var exposure = double.Parse(ExposureLine().Match(result.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);

        Assert.True(exposure <= MaxExposure, $"exposure {exposure} > {MaxExposure}");
    }

    [Fact]
    public void Verify_passes()
    {
        if (!HaveAnalyzer())
            return;
        // verify insists that ExecStart= and ExecStopPost= name existing executables; the package is not installed on
        // the test machine, so a copy of the unit points them at one that is. Everything else is verified as shipped.
        using var dir = new TempDirectory("mailroom-unit");
        var copy = dir.File("mailroom-edge.service");
        File.WriteAllText(copy, File.ReadAllText(Unit).Replace("/usr/bin/mailroom-edge", "/bin/true", StringComparison.Ordinal));

        var result = Tool.Run("systemd-analyze", ["verify", "--man=no", copy]);

        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"{result.Stdout}{result.Stderr}");
    }

    private bool HaveAnalyzer()
    {
        if (Tool.Find("systemd-analyze") is not null)
            return true;
        output.WriteLine("skipped: systemd-analyze is not installed (apt-get install systemd; ./build.sh test does)");
        return false;
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex ExposureLine();
}
