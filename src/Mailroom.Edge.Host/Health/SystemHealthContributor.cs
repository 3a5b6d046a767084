using System.Globalization;
using System.Text.Json;
using Mailroom.Edge.Core.Telemetry;

namespace Mailroom.Edge.Host.Health;

/// <summary>Adds the machine to <c>{root}/health</c>: free space where the SQLite files live, and the SoC temperature when
/// the kernel exposes it (<c>/sys/class/thermal/thermal_zone0/temp</c>, millidegrees Celsius).</summary>
public sealed class SystemHealthContributor(string dataDirectory, string thermalZone = "/sys/class/thermal/thermal_zone0/temp") : IHealthContributor
{
    public void WriteHealth(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            json.WriteNumber("disk_free_bytes", new DriveInfo(Path.GetFullPath(dataDirectory)).AvailableFreeSpace);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            json.WriteNull("disk_free_bytes");
        }

        if (File.Exists(thermalZone)
            && long.TryParse(SafeRead(thermalZone), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milli))
        {
            json.WriteNumber("cpu_temp_c", Math.Round(milli / 1000.0, 1));
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
