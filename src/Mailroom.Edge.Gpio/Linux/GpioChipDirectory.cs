using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Linux;

/// <summary>
/// Lists the GPIO character devices (<c>/dev/gpiochip*</c>, include/uapi/linux/gpio.h <c>GPIO_GET_CHIPINFO_IOCTL</c>)
/// for installers and for error messages. Never throws for a missing or unreadable chip: it reports it instead.
/// </summary>
public static class GpioChipDirectory
{
    public const string DefaultDevDirectory = "/dev";

    public static IReadOnlyList<GpioChipSummary> Enumerate(string devDirectory = DefaultDevDirectory)
    {
        if (!Directory.Exists(devDirectory)) return [];
        return Directory.EnumerateFileSystemEntries(devDirectory, "gpiochip*")
            .OrderBy(path => path.Length)
            .ThenBy(path => path, StringComparer.Ordinal)
            .Select(Describe)
            .ToList();
    }

    private static GpioChipSummary Describe(string path)
    {
        try
        {
            using var device = GpioCharacterDevice.Open(path, devDirectory: null);
            return new GpioChipSummary(path, device.ChipName, device.Label, device.LineCount);
        }
        catch (GpioException ex)
        {
            return new GpioChipSummary(path, "", "", 0, ex.Message);
        }
    }
}
