using Mailroom.Edge.Core.Events;

namespace Mailroom.Edge.Video.Delivery;

/// <summary>
/// Topics of the clip delivery protocol under the device root (docs/video.md, "Delivery"):
/// <c>{root}/clip/{id}/manifest</c>, <c>…/snapshot</c>, <c>…/chunk/{n}</c>, all from the device. The central server
/// answers (acknowledge, resend) with the signed <c>clip</c> command, never on an open topic.
/// </summary>
public static class ClipTopics
{
    public static string Manifest(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/manifest";

    public static string Snapshot(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/snapshot";

    public static string Chunk(DeviceIdentity device, string clipId, int index) =>
        $"{device.TopicRoot}/clip/{clipId}/chunk/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Every part of one clip, for a receiver.</summary>
    public static string ClipFilter(DeviceIdentity device, string clipId) => $"{device.TopicRoot}/clip/{clipId}/#";

    /// <summary>The clip id and the part after it (<c>manifest</c>, <c>chunk/3</c>), or null for another topic.</summary>
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
