using System.Globalization;
using System.Runtime.InteropServices;

namespace Mailroom.Edge.Video.Recording.Interop;

/// <summary>fcntl(2) on descriptors, to keep the agent's own from being inherited by the processes it starts.</summary>
internal static partial class Libc
{
    private const int GetDescriptorFlags = 1; // F_GETFD
    private const int SetDescriptorFlags = 2; // F_SETFD
    private const int CloseOnExecFlag = 1; // FD_CLOEXEC

    /// <summary>
    /// Marks every open descriptor above stderr close-on-exec. .NET opens its own that way, but native libraries do not
    /// always: libmosquitto's broker socket was inherited by ffmpeg, which then held the agent's MQTT connection (and
    /// any lock or listening socket of the same kind) open for as long as it recorded. .NET gives no hook between fork
    /// and exec to close them in the child, so they are sealed here, just before a child is started.
    /// </summary>
    public static void SealDescriptors()
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (!int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) || fd <= 2)
                continue;
            var flags = Fcntl(fd, GetDescriptorFlags, 0);
            // -1: closed since it was listed (the listing's own descriptor among them).
            if (flags >= 0 && (flags & CloseOnExecFlag) == 0)
                _ = Fcntl(fd, SetDescriptorFlags, flags | CloseOnExecFlag);
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
