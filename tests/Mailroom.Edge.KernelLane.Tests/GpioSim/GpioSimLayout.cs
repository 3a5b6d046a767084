namespace Mailroom.Edge.KernelLane.Tests.GpioSim;

/// <summary>How a gpio-sim chip is laid out: one bank of <see cref="LineCount"/> lines, some named, some hogged.</summary>
public sealed record GpioSimLayout(string Label, int LineCount, IReadOnlyDictionary<int, string> Names, IReadOnlyList<GpioSimHog> Hogs)
{
    /// <summary>Like a Raspberry Pi's header chip: 28 lines named <c>GPIO0</c>…<c>GPIO27</c>, as the agent's configs name them.</summary>
    public static GpioSimLayout PiHeader(string label, params GpioSimHog[] hogs) =>
        new(label, 28, Enumerable.Range(0, 28).ToDictionary(i => i, i => $"GPIO{i}"), hogs);
}
