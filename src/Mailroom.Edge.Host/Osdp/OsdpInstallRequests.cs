using System.Globalization;

namespace Mailroom.Edge.Host.Osdp;

/// <summary>
/// How <c>mailroom-edge osdp install</c> on the device reaches the running agent, which alone holds the serial ports: a
/// file <c>{DataDirectory}/osdp-install/{reader}</c> holding the window in seconds, which only root and the service
/// user can write (the data directory is theirs), taken and deleted by the agent within a second.
/// </summary>
public static class OsdpInstallRequests
{
    public const string Folder = "osdp-install";

    public static void Request(string dataDirectory, string reader, TimeSpan window)
    {
        var folder = Path.Combine(dataDirectory, Folder);
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{reader}.tmp");
        File.WriteAllText(temporary, ((long)window.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, Path.Combine(folder, reader), overwrite: true);
    }

    /// <summary>Every request waiting (reader, window), each deleted as it is taken; unreadable ones are dropped.</summary>
    public static IReadOnlyList<(string Reader, TimeSpan Window)> TakeAll(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, Folder);
        if (!Directory.Exists(folder))
            return [];
        var requests = new List<(string, TimeSpan)>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            try
            {
                var text = File.ReadAllText(file).Trim();
                File.Delete(file);
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    requests.Add((Path.GetFileName(file), TimeSpan.FromSeconds(seconds)));
            }
            catch (IOException)
            {
                // Being written or already taken: the next look finds it, or it is gone.
            }
        }
        return requests;
    }
}
