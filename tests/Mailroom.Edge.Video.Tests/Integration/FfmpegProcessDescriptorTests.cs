using System.Runtime.InteropServices;
using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Recording;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>
/// A process the agent starts for a camera inherits none of the agent's descriptors, even those a native library opened
/// without close-on-exec (libmosquitto's broker socket was one: ffmpeg held the agent's MQTT connection open).
/// </summary>
public sealed partial class FfmpegProcessDescriptorTests
{
    [Fact]
    public async Task A_descriptor_opened_without_close_on_exec_is_not_inherited()
    {
        using var folder = new TempDirectory("ffmpeg-descriptors");
        var path = folder.File("held-by-a-native-library");
        await File.WriteAllTextAsync(path, "");
        var fd = Open(path, 0); // O_RDONLY and no O_CLOEXEC, as a native library might.
        Assert.True(fd > 2, $"open failed: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            using var child = FfmpegProcess.Start("setsid", "sleep", ["120"], folder.Path, new StderrRing(5), line => line);
            try
            {
                var inherited = Directory.GetFiles($"/proc/{child.Id}/fd").Select(d => new FileInfo(d).LinkTarget).Where(target => target == path).ToList();
                Assert.Empty(inherited);
            }
            finally
            {
                await child.StopAsync(TimeSpan.FromSeconds(1));
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
