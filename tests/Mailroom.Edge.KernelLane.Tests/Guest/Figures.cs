using System.Globalization;

namespace Mailroom.Edge.KernelLane.Tests.Guest;

/// <summary>
/// Figures measured in the guest, printed on the console as <c>LANE-FIGURE name_arch value</c> lines (the guest's
/// architecture appended): the lane's boot script collects them for <c>./build.sh bench</c>. Reports, never assertions.
/// </summary>
public static class Figures
{
    public static void Report(string name, double value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LANE-FIGURE {name}_{LaneArchitecture.Name} {value:0.###}"));
}
