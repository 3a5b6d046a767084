using System.Runtime.InteropServices;

namespace Mailroom.Edge.Video.Recording.Interop;

/// <summary>kill(2), to signal a whole process group (negative pid). .NET's Process.Kill only signals one process with SIGKILL.</summary>
internal static partial class Libc
{
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpgid", SetLastError = true)]
    public static partial int GetProcessGroup(int pid);
}
