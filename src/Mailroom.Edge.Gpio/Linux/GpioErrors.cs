using System.Runtime.InteropServices;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Gpio.Linux.Interop;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>Turns errno from the GPIO character device into exceptions whose message says what to do.</summary>
internal static class GpioErrors
{
    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";

    public static GpioException Open(string path, int errno, string? devDirectory) => errno switch
    {
        Errno.ENOENT or Errno.ENODEV or Errno.ENXIO => new GpioChipNotFoundException(ChipNotFound(path, devDirectory)),
        Errno.EACCES or Errno.EPERM => new GpioAccessDeniedException(
            $"Permission denied opening {path}: add the service user to the 'gpio' group (usermod -aG gpio <user>, or SupplementaryGroups=gpio in the systemd unit), or check the udev rule that owns {path}."),
        _ => new GpioException($"Cannot open {path}: {Describe(errno)}."),
    };

    public static string ChipNotFound(string wanted, string? devDirectory)
    {
        if (devDirectory is null) return $"GPIO chip '{wanted}' not found.";
        var chips = GpioChipDirectory.Enumerate(devDirectory);
        return chips.Count == 0
            ? $"GPIO chip '{wanted}' not found: no {Path.Combine(devDirectory, "gpiochip*")} — is this a Raspberry Pi / is the gpio character device enabled (CONFIG_GPIO_CDEV)?"
            : $"GPIO chip '{wanted}' not found. Chips that exist: {string.Join("; ", chips)}.";
    }

    public static GpioException Ioctl(string path, string what, int errno) => errno switch
    {
        Errno.ENOTTY => new GpioException(
            $"{path} did not understand {what} (ENOTTY): it is not a GPIO character device, or the kernel lacks GPIO uAPI v2 (Linux 5.10+ with CONFIG_GPIO_CDEV)."),
        Errno.EACCES or Errno.EPERM => Open(path, errno, null),
        Errno.EINVAL => new GpioException(
            $"The kernel rejected {what} on {path} (EINVAL): the chip may not support the bias, drive or debounce asked for, or the settings conflict (edges need an input, open-drain needs an output)."),
        _ => new GpioException($"{what} on {path} failed: {Describe(errno)}."),
    };

    /// <summary>EBUSY: name the holder, which the kernel tells us through the line's info.</summary>
    public static GpioLineBusyException Busy(IReadOnlyList<GpioLineInfo> requested)
    {
        var held = requested.FirstOrDefault(l => l.Used) ?? requested[0];
        var consumer = held.Used && held.Consumer.Length == 0 ? "the kernel (a driver or device-tree overlay)" : held.Consumer;
        return new GpioLineBusyException(held.Offset, consumer);
    }

    public static GpioLineNotFoundException UnknownLine(string wanted, string chip, IReadOnlyList<GpioLineInfo> lines)
    {
        var names = lines.Where(l => l.Name.Length > 0).Select(l => l.Name).ToList();
        var known = names.Count == 0 ? "this chip names none of its lines; use an offset" : "names on this chip: " + string.Join(", ", names);
        return new GpioLineNotFoundException(
            $"No line '{wanted}' on {chip} (offsets 0..{lines.Count - 1}); {known}.");
    }
}
