using System.Diagnostics;

namespace Mailroom.Edge.Testing;

/// <summary>
/// A small tmpfs mounted on a fresh folder, so a test can fill a real file system and see a real ENOSPC. Needs root
/// (the tests run as root); when mounting is refused the constructor throws with the reason, so the test fails loudly
/// instead of passing on a disk that never fills.
/// </summary>
public sealed class SmallTmpfs : IDisposable
{
    private const string FillerName = "filler";

    public SmallTmpfs(string size = "8m")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mailroom-tmpfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", Path);
        if (code != 0)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException($"cannot mount a {size} tmpfs on {Path} (the disk-full tests need root and CAP_SYS_ADMIN): {output}");
        }
    }

    public string Path { get; }

    /// <summary>Writes one file until the file system refuses another byte.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Append, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full. What the last write could not place is simply not there.
        }
    }

    /// <summary>Gives the space taken by <see cref="Fill"/> back.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleanup.
        }
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }
}
