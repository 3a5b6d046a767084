using System.Globalization;

namespace Mailroom.Edge.KernelLane.Tests.Guest;

/// <summary>
/// Figures measured in the guest, printed on the console as <c>LANE-FIGURE name value</c> lines: the lane's boot
/// script collects them for <c>./build.sh bench</c>. They are reports, never assertions.
/// </summary>
public static class Figures
{
    public static void Report(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LANE-FIGURE {name} {value:0.###}"));
}
