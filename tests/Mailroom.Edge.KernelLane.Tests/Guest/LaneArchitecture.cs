using System.Runtime.InteropServices;

namespace Mailroom.Edge.KernelLane.Tests.Guest;

/// <summary>The lane's name for the guest's architecture (<c>x64</c>, <c>arm64</c>), for figure names.</summary>
public static class LaneArchitecture
{
    public static string Name => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}
