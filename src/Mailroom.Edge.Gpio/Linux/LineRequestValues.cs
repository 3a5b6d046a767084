using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// GET/SET_VALUES on a line-request fd. The kernel addresses lines by their index in the request (bit i of
/// <c>gpio_v2_line_values</c>), not by offset, and values are logical (active-low already applied).
/// </summary>
internal sealed unsafe class LineRequestValues : IDisposable
{
    private readonly SafeFdHandle _fd;
    private readonly string _chip;
    private readonly Dictionary<LineOffset, int> _indexByOffset;

    public LineRequestValues(SafeFdHandle fd, string chip, IEnumerable<LineOffset> offsets)
    {
        _fd = fd;
        _chip = chip;
        _indexByOffset = offsets.Select((offset, index) => (offset, index)).ToDictionary(p => p.offset, p => p.index);
    }

    public SafeFdHandle Fd => _fd;

    public ulong MaskOf(LineOffset offset) => _indexByOffset.TryGetValue(offset, out int index)
        ? 1UL << index
        : throw new GpioLineNotFoundException(
            $"Line {offset} is not part of this request on {_chip}; it holds {string.Join(", ", _indexByOffset.Keys)}.");

    public bool Get(LineOffset offset)
    {
        var values = new GpioV2LineValues { Mask = MaskOf(offset) };
        Check(Libc.Ioctl(_fd, GpioUapi.V2LineGetValues, &values), "GPIO_V2_LINE_GET_VALUES_IOCTL");
        return (values.Bits & values.Mask) != 0;
    }

    public void Set(ulong bits, ulong mask)
    {
        var values = new GpioV2LineValues { Bits = bits & mask, Mask = mask };
        Check(Libc.Ioctl(_fd, GpioUapi.V2LineSetValues, &values), "GPIO_V2_LINE_SET_VALUES_IOCTL");
    }

    public void Dispose() => _fd.Dispose();

    private void Check(int result, string what)
    {
        if (result != 0) throw GpioErrors.Ioctl(_chip, what, Marshal.GetLastPInvokeError());
    }
}
