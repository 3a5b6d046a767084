using System.Runtime.InteropServices;

namespace Mailroom.Edge.Testing;

/// <summary><c>kill(2)</c>, because <see cref="System.Diagnostics.Process"/> can only send SIGKILL.</summary>
public static partial class PosixSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigStop = 19;
    public const int SigCont = 18;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
