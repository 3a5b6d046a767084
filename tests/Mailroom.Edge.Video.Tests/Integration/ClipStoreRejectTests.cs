using Mailroom.Edge.Testing;
using Mailroom.Edge.Video.Clips;
using Xunit;

namespace Mailroom.Edge.Video.Tests.Integration;

/// <summary>Files that failed their check are kept aside, bounded, and never listed as clips.</summary>
public sealed class ClipStoreRejectTests : IDisposable
{
    private static readonly DateTime T = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _folder = new("mailroom-clip-reject");

    [Fact]
    public void Only_the_newest_rejected_files_are_kept_and_the_dropped_ones_are_named()
    {
        var store = new ClipStore(_folder.Path);
        var dropped = new List<string>();
        string? keptAs = null;
        for (var i = 0; i < ClipStore.RejectedKept + 2; i++)
        {
            var staged = Path.Combine(store.Staging, $"c{i}.mp4");
            File.WriteAllBytes(staged, [(byte)i]);
            File.SetLastWriteTimeUtc(staged, T.AddMinutes(i));
            (keptAs, var droppedNow) = store.Reject($"c{i}", staged);
            dropped.AddRange(droppedNow);
        }

        Assert.Equal(["c0.mp4", "c1.mp4"], dropped);
        Assert.Equal(ClipStore.RejectedKept, Directory.GetFiles(store.Rejected).Length);
        Assert.Equal(Path.Combine(".rejected", "c9.mp4"), keptAs);
        Assert.Equal([9], File.ReadAllBytes(Path.Combine(store.Directory, keptAs!)));
        Assert.Empty(store.List());
    }

    public void Dispose() => _folder.Dispose();
}
