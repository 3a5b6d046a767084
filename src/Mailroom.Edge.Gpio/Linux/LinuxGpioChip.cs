using System.Globalization;
using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// A GPIO chip through the Linux GPIO character device, uAPI v2
/// (<see href="https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/include/uapi/linux/gpio.h">include/uapi/linux/gpio.h</see>).
/// Edge timestamps are the kernel's, taken in interrupt context on CLOCK_MONOTONIC.
/// </summary>
public sealed class LinuxGpioChip : IGpioChip
{
    private readonly GpioCharacterDevice _device;

    private LinuxGpioChip(GpioCharacterDevice device) => _device = device;

    public string Name => _device.Path;

    public string Label => _device.Label;

    public long NowNs => MonotonicClock.NowNs;

    /// <summary>Opens a chip by device path (<c>/dev/gpiochip0</c>), device name (<c>gpiochip0</c>) or label (<c>pinctrl-bcm2711</c>).</summary>
    /// <exception cref="GpioChipNotFoundException">No such chip; the message lists the chips that exist.</exception>
    /// <exception cref="GpioAccessDeniedException">The service user may not open it; the message says how to fix that.</exception>
    public static LinuxGpioChip Open(string pathNameOrLabel, string devDirectory = GpioChipDirectory.DefaultDevDirectory)
    {
        if (pathNameOrLabel.Contains('/', StringComparison.Ordinal))
        {
            return new LinuxGpioChip(GpioCharacterDevice.Open(pathNameOrLabel, devDirectory));
        }

        var byName = Path.Combine(devDirectory, pathNameOrLabel);
        if (pathNameOrLabel.StartsWith("gpiochip", StringComparison.Ordinal) && File.Exists(byName))
        {
            return new LinuxGpioChip(GpioCharacterDevice.Open(byName, devDirectory));
        }

        var byLabel = GpioChipDirectory.Enumerate(devDirectory).FirstOrDefault(c => c.Label == pathNameOrLabel)
            ?? throw new GpioChipNotFoundException(GpioErrors.ChipNotFound(pathNameOrLabel, devDirectory));
        return new LinuxGpioChip(GpioCharacterDevice.Open(byLabel.Path, devDirectory));
    }

    public IReadOnlyList<GpioLineInfo> ListLines()
    {
        var lines = new List<GpioLineInfo>((int)_device.LineCount);
        for (uint offset = 0; offset < _device.LineCount; offset++) lines.Add(_device.ReadLineInfo(offset));
        return lines;
    }

    public LineOffset ResolveLine(string nameOrOffset)
    {
        if (uint.TryParse(nameOrOffset, NumberStyles.None, CultureInfo.InvariantCulture, out uint offset)
            && offset < _device.LineCount)
        {
            return new LineOffset(offset);
        }

        var lines = ListLines();
        return lines.FirstOrDefault(l => l.Name == nameOrOffset)?.Offset
            ?? throw GpioErrors.UnknownLine(nameOrOffset, Name, lines);
    }

    public IInputLineRequest RequestInputs(string consumer, IReadOnlyList<InputLineSettings> lines, int eventBufferSize)
    {
        var request = LineRequestBuilder.ForInputs(consumer, lines, eventBufferSize);
        var values = new LineRequestValues(_device.RequestLines(request), Name, lines.Select(l => l.Offset));

        // A few kernel buffers' worth: the channel absorbs consumer hiccups; the kernel buffer absorbs ours.
        int channelCapacity = Math.Max(256, eventBufferSize * 4);
        try
        {
            return new LinuxInputLineRequest(values, channelCapacity, $"gpio-events {consumer}");
        }
        catch
        {
            values.Dispose();
            throw;
        }
    }

    public IOutputLineRequest RequestOutputs(string consumer, IReadOnlyList<OutputLineSettings> lines)
    {
        var request = LineRequestBuilder.ForOutputs(consumer, lines);
        var values = new LineRequestValues(_device.RequestLines(request), Name, lines.Select(l => l.Offset));
        return new LinuxOutputLineRequest(values, lines);
    }

    public void Dispose() => _device.Dispose();
}
