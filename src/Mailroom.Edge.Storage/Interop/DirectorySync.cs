using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Storage.Interop;

/// <summary>fsync(2) of a directory, which .NET's file APIs cannot open: makes a rename inside it durable.</summary>
public static partial class DirectorySync
{
    // O_RDONLY opens a directory; O_DIRECTORY is left out because its value differs between x86-64 and arm64.
    private const int ReadOnly = 0;

    public static void Flush(string path)
    {
        var raw = Open(path, ReadOnly);
        if (raw < 0)
            throw new IOException($"cannot open directory '{path}' to sync it (errno {Marshal.GetLastPInvokeError()})");
        using var fd = new SafeFileHandle(raw, ownsHandle: true);
        if (FSync(fd) != 0)
            throw new IOException($"fsync of directory '{path}' failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(SafeFileHandle fd);
}
