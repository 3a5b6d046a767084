using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// Topics of the clip delivery protocol under the device root (docs/video.md, "Delivery"):
/// <c>{root}/clip/{id}/manifest</c>, <c>…/snapshot</c>, <c>…/chunk/{n}</c> from the device, and <c>…/ack</c> from the
/// central server once it has reassembled the clip and checked its SHA-256.
/// </summary>
public static class ClipTopics
{
    public static string Manifest(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/manifest";

    public static string Snapshot(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/snapshot";

    public static string Chunk(DeviceIdentity device, string clipId, int index) =>
        $"{device.TopicRoot}/clip/{clipId}/chunk/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static string Ack(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/ack";

    /// <summary>The filter the device subscribes to for acknowledgements.</summary>
    public static string AckFilter(DeviceIdentity device) => $"{device.TopicRoot}/clip/+/ack";

    /// <summary>The clip id and the part after it (<c>manifest</c>, <c>chunk/3</c>, <c>ack</c>), or null for another topic.</summary>
    public static (string ClipId, string Part)? Parse(DeviceIdentity device, string topic)
    {
        var prefix = $"{device.TopicRoot}/clip/";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var rest = topic[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? null : (rest[..slash], rest[(slash + 1)..]);
    }
}
