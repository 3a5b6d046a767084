using System.Runtime.InteropServices;

namespace Mailroom.Edge.Host.Interop;

/// <summary><c>statx(2)</c> for a file's owner and <c>chown(2)</c>: a verb run as root hands the files it writes for
/// the service (the installer's window and certificate) to the data folder's owner, the service user.</summary>
internal static unsafe partial class Libc
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x0008;
    private const uint StatxGid = 0x0010;

    // struct statx is 256 bytes on every architecture; stx_uid and stx_gid sit at offsets 20 and 24.
    private const int StatxSize = 256;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* statx);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);

    /// <summary>The owner and group of <paramref name="path"/>.</summary>
    public static (uint Uid, uint Gid) OwnerOf(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        new Span<byte>(buffer, StatxSize).Clear();
        if (Statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
            throw new IOException($"statx {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        return (*(uint*)(buffer + 20), *(uint*)(buffer + 24));
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="owner"/>.</summary>
    public static void ChangeOwner(string path, (uint Uid, uint Gid) owner)
    {
        if (Chown(path, owner.Uid, owner.Gid) != 0)
            throw new IOException($"chown {path}: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
