using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// An open /dev/gpiochipN and the chip-level ioctls of include/uapi/linux/gpio.h (chip info, v2 line info, v2 line
/// request). It owns the chip fd; line requests get fds of their own, which outlive nothing but themselves.
/// </summary>
internal sealed unsafe class GpioCharacterDevice : IDisposable
{
    private readonly SafeFdHandle _fd;

    private GpioCharacterDevice(string path, SafeFdHandle fd)
    {
        Path = path;
        _fd = fd;
        GpioChipInfo info;
        Check(Libc.Ioctl(_fd, GpioUapi.GetChipInfo, &info), "GPIO_GET_CHIPINFO_IOCTL");
        ChipName = NulTerminatedUtf8.Read(info.Name, GpioUapi.MaxNameSize);
        Label = NulTerminatedUtf8.Read(info.Label, GpioUapi.MaxNameSize);
        LineCount = info.Lines;
    }

    public string Path { get; }

    public string ChipName { get; }

    public string Label { get; }

    public uint LineCount { get; }

    /// <param name="path">The device file.</param>
    /// <param name="devDirectory">Where to list existing chips for a "not found" message; null to skip the listing.</param>
    public static GpioCharacterDevice Open(string path, string? devDirectory)
    {
        var fd = new SafeFdHandle(Libc.Open(path, Libc.O_RDWR | Libc.O_CLOEXEC), ownsHandle: true);
        if (fd.IsInvalid) throw GpioErrors.Open(path, Marshal.GetLastPInvokeError(), devDirectory);

        try
        {
            return new GpioCharacterDevice(path, fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    public GpioLineInfo ReadLineInfo(uint offset)
    {
        var info = new GpioV2LineInfo { Offset = offset };
        Check(Libc.Ioctl(_fd, GpioUapi.V2GetLineInfo, &info), $"GPIO_V2_GET_LINEINFO_IOCTL for line {offset}");
        return new GpioLineInfo(
            new LineOffset(offset),
            NulTerminatedUtf8.Read(info.Name, GpioUapi.MaxNameSize),
            info.Flags.HasFlag(GpioV2LineFlags.Used),
            NulTerminatedUtf8.Read(info.Consumer, GpioUapi.MaxNameSize),
            info.Flags.HasFlag(GpioV2LineFlags.Output),
            info.Flags.HasFlag(GpioV2LineFlags.ActiveLow));
    }

    /// <summary>Issues GPIO_V2_GET_LINE_IOCTL; on EBUSY asks the kernel who holds the line and says so.</summary>
    public SafeFdHandle RequestLines(GpioV2LineRequest request)
    {
        if (Libc.Ioctl(_fd, GpioUapi.V2GetLine, &request) == 0) return new SafeFdHandle(request.Fd, ownsHandle: true);
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Errno.EBUSY)
        {
            var lines = new List<GpioLineInfo>();
            for (int i = 0; i < request.NumLines; i++) lines.Add(ReadLineInfo(request.Offsets[i]));
            throw GpioErrors.Busy(lines);
        }

        throw GpioErrors.Ioctl(Path, "GPIO_V2_GET_LINE_IOCTL", errno);
    }

    public void Dispose() => _fd.Dispose();

    private void Check(int result, string what)
    {
        if (result != 0) throw GpioErrors.Ioctl(Path, what, Marshal.GetLastPInvokeError());
    }
}
