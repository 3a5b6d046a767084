using Mailroom.Edge.Video.Clips;

namespace Mailroom.Edge.Video.Retention;

/// <summary>How many clips operators hold and the bytes retention may not free because of them (health, <c>config check</c>).</summary>
public sealed record HeldClips(int Count, long Bytes)
{
    public static HeldClips Of(IEnumerable<ClipRecord> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var held = clips.Where(c => c.Hold is not null).ToList();
        return new HeldClips(held.Count, held.Sum(c => c.SizeBytes));
    }
}
