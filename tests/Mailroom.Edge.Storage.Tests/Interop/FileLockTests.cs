using System.Diagnostics;
using Mailroom.Edge.Storage.Interop;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Storage.Tests.Interop;

/// <summary>
/// The credential list's cross-process lock. A child process the agent starts (ffmpeg for a camera) must not inherit
/// the lock's descriptor: a flock lives as long as any copy of its descriptor, so an inherited one kept the lock after
/// the agent released it, and the next credential sync waited for ever (seen in a test run: a delta blocked behind a
/// mailroomctl started while a snapshot was being installed).
/// </summary>
public sealed class FileLockTests
{
    [Fact]
    public async Task A_process_started_while_the_lock_is_held_does_not_keep_it()
    {
        using var folder = new TempDirectory("file-lock");
        var path = folder.File("credentials.db.lock");
        Process child;
        using (FileLock.Acquire(path))
            child = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            var inherited = Directory.GetFiles($"/proc/{child.Id}/fd").Select(fd => new FileInfo(fd).LinkTarget).Where(target => target == path).ToList();
            var again = Task.Run(() => FileLock.Acquire(path));

            Assert.Empty(inherited);
            using var taken = await again.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
            child.Dispose();
        }
    }
}
