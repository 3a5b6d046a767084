using System.Runtime.InteropServices;

namespace Mailroom.Edge.Host.Interop;

/// <summary><c>adjtimex(2)</c> with <c>modes = 0</c>: reads the kernel clock discipline state without changing it.</summary>
internal static unsafe partial class Libc
{
    /// <summary>Return value meaning the kernel clock is not synchronised (<c>TIME_ERROR</c> in sys/timex.h).</summary>
    public const int TimeError = 5;

    // struct timex is 208 bytes on 64-bit glibc; a zeroed, larger buffer keeps modes = 0 and leaves room for any ABI.
    public const int TimexBufferSize = 512;

    [LibraryImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    public static partial int Adjtimex(byte* timex);
}
