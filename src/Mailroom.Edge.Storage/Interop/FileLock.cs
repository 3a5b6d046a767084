using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mailroom.Edge.Storage.Interop;

/// <summary>
/// An exclusive flock(2) on a small lock file, held across processes (the agent and the <c>credentials</c> CLI), with
/// an 8-byte counter in the file. Opened with open(2) on purpose: .NET takes its own non-blocking flock on every file it
/// opens, which would make a second opener fail instead of wait. The descriptor lives in a <see cref="SafeFileHandle"/>
/// from the moment open returns, so it is closed (and the lock released) exactly once, even if a finaliser gets there;
/// it is opened close-on-exec, so no child process holds a copy.
/// </summary>
internal sealed partial class FileLock : IDisposable
{
    private const int ReadWrite = 2;
    private const int Create = 0x40; // O_CREAT, the same on x86-64 and arm64.
    // O_CLOEXEC (the same on both): a child process (ffmpeg) must not inherit the descriptor, or the lock outlives our
    // release for as long as the child runs, and the next sync or import waits for ever.
    private const int CloseOnExec = 0x80000;
    private const int Exclusive = 2; // LOCK_EX
    private const int Interrupted = 4; // EINTR

    private readonly SafeFileHandle _fd;

    private FileLock(SafeFileHandle fd) => _fd = fd;

    /// <summary>Waits until this process holds the lock.</summary>
    public static FileLock Acquire(string path)
    {
        var raw = Open(path, ReadWrite | Create | CloseOnExec, Convert.ToInt32("644", 8));
        if (raw < 0)
            throw new IOException($"cannot open lock file '{path}' (errno {Marshal.GetLastPInvokeError()})");
        var fd = new SafeFileHandle(raw, ownsHandle: true);
        while (Flock(fd, Exclusive) != 0)
        {
            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                var errno = Marshal.GetLastPInvokeError();
                fd.Dispose();
                throw new IOException($"cannot lock '{path}' (errno {errno})");
            }
        }
        return new FileLock(fd);
    }

    /// <summary>The counter kept in the lock file (0 for a new file).</summary>
    public long Counter
    {
        get
        {
            Span<byte> bytes = stackalloc byte[sizeof(long)];
            return PRead(_fd, ref MemoryMarshal.GetReference(bytes), bytes.Length, 0) == bytes.Length
                ? System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(bytes)
                : 0;
        }
        set
        {
            Span<byte> bytes = stackalloc byte[sizeof(long)];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            if (PWrite(_fd, ref MemoryMarshal.GetReference(bytes), bytes.Length, 0) != bytes.Length)
                throw new IOException($"cannot write the lock file's counter (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    // Closing the descriptor releases the lock.
    public void Dispose() => _fd.Dispose();

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PRead(SafeFileHandle fd, ref byte buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    private static partial nint PWrite(SafeFileHandle fd, ref byte buffer, nint count, long offset);
}
