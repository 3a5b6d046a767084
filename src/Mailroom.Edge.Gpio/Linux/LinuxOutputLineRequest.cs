using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>Output lines held through a GPIO v2 line request (include/uapi/linux/gpio.h); released in their safe state.</summary>
public sealed class LinuxOutputLineRequest : IOutputLineRequest
{
    private readonly LineRequestValues _values;
    private readonly ulong _safeBits;
    private readonly ulong _allLines;
    private int _disposed;

    internal LinuxOutputLineRequest(LineRequestValues values, IReadOnlyList<OutputLineSettings> lines)
    {
        _values = values;
        foreach (var line in lines)
        {
            ulong bit = values.MaskOf(line.Offset);
            _allLines |= bit;
            if (line.SafeActive) _safeBits |= bit;
        }
    }

    public void SetValue(LineOffset offset, bool active)
    {
        ulong mask = _values.MaskOf(offset);
        _values.Set(active ? mask : 0, mask);
    }

    public bool GetValue(LineOffset offset) => _values.Get(offset);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            // After release the kernel keeps whatever level the line had, so leave it safe rather than "as last set".
            _values.Set(_safeBits, _allLines);
        }
        catch (GpioException)
        {
            // Best effort on the way out; closing the fd must still happen.
        }

        _values.Dispose();
    }
}
