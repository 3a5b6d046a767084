namespace Mailroom.Edge.Core.Events;

/// <summary>Site and device names, as configured; they form the topic root <c>mailroom/v1/{site}/{device}</c>.</summary>
public sealed record DeviceIdentity(string Site, string Device)
{
    public string TopicRoot => $"mailroom/v1/{Site}/{Device}";

    public string EventTopic(EventCategory category) => $"{TopicRoot}/event/{WireNames.Of(category)}";

    public string StatusTopic => $"{TopicRoot}/status";

    public string HealthTopic => $"{TopicRoot}/health";
}
