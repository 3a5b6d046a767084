using System.Runtime.InteropServices;

namespace Mailroom.Edge.Benchmarks;

/// <summary>Where a figure was measured, printed with every figure.</summary>
public static class MachineContext
{
    public static Dictionary<string, object> Describe() => new()
    {
        ["cores"] = Environment.ProcessorCount,
        ["arch"] = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
    };
}
