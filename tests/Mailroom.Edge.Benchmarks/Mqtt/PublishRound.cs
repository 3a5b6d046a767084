using System.Diagnostics;

namespace Mailroom.Edge.Benchmarks.Mqtt;

/// <summary>One client's run of <c>messages</c> QoS 1 publishes: its acknowledged rate, and this process's CPU time and
/// managed allocation per message over the whole run (connect and disconnect included; native mallocs not counted).</summary>
public sealed record PublishRound(double PerSecond, double CpuUsPerMessage, double AllocatedBytesPerMessage)
{
    public static async Task<PublishRound> MeasureAsync(Func<Task<double>> run, int messages)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var perSecond = await run();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        return new PublishRound(perSecond, cpu.TotalMicroseconds / messages, (double)allocated / messages);
    }
}
