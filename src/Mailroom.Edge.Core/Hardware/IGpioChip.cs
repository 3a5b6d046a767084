namespace Mailroom.Edge.Core.Hardware;

/// <summary>
/// The port through which the core reaches GPIO hardware: a Linux GPIO character device (uAPI v2) in production, a
/// simulated chip in tests and the demo. A request holds its lines until disposed; requesting a line that is already
/// held fails with <see cref="GpioLineBusyException"/>, as the kernel answers EBUSY.
/// </summary>
public interface IGpioChip : IDisposable
{
    /// <summary>A name for messages, e.g. <c>/dev/gpiochip0</c> or <c>simulated</c>.</summary>
    string Name { get; }

    /// <summary>The chip's label, e.g. <c>pinctrl-bcm2711</c>.</summary>
    string Label { get; }

    /// <summary>Every line of the chip with its name, direction and current consumer.</summary>
    IReadOnlyList<GpioLineInfo> ListLines();

    /// <summary>Now, on the clock the chip stamps events with (CLOCK_MONOTONIC for the kernel), in nanoseconds.</summary>
    long NowNs { get; }

    /// <summary>Finds a line by its name (e.g. <c>GPIO17</c>) or by its decimal offset.</summary>
    /// <exception cref="GpioLineNotFoundException">No such line; the message lists the ones that exist.</exception>
    LineOffset ResolveLine(string nameOrOffset);

    /// <summary>Requests input lines with edge detection; their events arrive in order, timestamped, on one channel.</summary>
    IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize);

    /// <summary>Requests output lines, each set to its safe value as part of the request.</summary>
    IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines);
}
