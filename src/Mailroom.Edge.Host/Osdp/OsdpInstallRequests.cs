using System.Globalization;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// How <c>mailroom-edge osdp install</c> on the device reaches the running agent, which alone holds the serial ports: a
/// file <c>{DataDirectory}/osdp-install.{reader}</c> holding the window in seconds, taken and deleted by the agent
/// within a second. Only root and the service user can write the data directory. The file sits in the directory itself
/// (not a folder of its own that root might create and the agent then could not empty) and is world-readable: it holds
/// a number, and the agent must read it whoever wrote it.
/// </summary>
public static class OsdpInstallRequests
{
    private const string Prefix = "osdp-install.";

    public static void Request(string dataDirectory, string reader, TimeSpan window)
    {
        var temporary = Path.Combine(dataDirectory, $".{Prefix}{reader}.tmp");
        File.WriteAllText(temporary, ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temporary, Path.Combine(dataDirectory, Prefix + reader), overwrite: true);
    }

    /// <summary>Every request waiting (reader, window), each deleted as it is taken; unreadable ones are dropped.</summary>
    public static IReadOnlyList<(string Reader, TimeSpan Window)> TakeAll(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
            return [];
        var requests = new List<(string, TimeSpan)>();
        foreach (var file in Directory.EnumerateFiles(dataDirectory, Prefix + "*"))
        {
            try
            {
                var text = File.ReadAllText(file).Trim();
                File.Delete(file);
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    requests.Add((Path.GetFileName(file)[Prefix.Length..], TimeSpan.FromSeconds(seconds)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Being written, already taken, or unreadable: dropped, so it is not retried every second.
                TryDelete(file);
            }
        }
        return requests;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the next look tries again.
        }
    }
}
