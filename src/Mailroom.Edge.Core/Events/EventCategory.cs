namespace Mailroom.Edge.Core.Events;

/// <summary>The category of an event; it is the last level of its topic, <c>{root}/event/{category}</c>.</summary>
public enum EventCategory
{
    Access,
    Door,
    Alarm,
    Clip,
    System,
}
