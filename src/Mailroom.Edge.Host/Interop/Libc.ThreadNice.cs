using System.Runtime.InteropServices;

namespace Mailroom.Edge.Host.Interop;

/// <summary><c>setpriority(2)</c> on the calling thread: on Linux a thread id is a valid <c>PRIO_PROCESS</c> target,
/// and raising one's own nice value needs no privilege.</summary>
internal static partial class Libc
{
    private const int PrioProcess = 0;

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int nice);

    /// <summary>Gives the calling thread the nice value <paramref name="nice"/>; false when the kernel refused.</summary>
    public static bool NiceCurrentThread(int nice) => SetPriority(PrioProcess, GetTid(), nice) == 0;
}
