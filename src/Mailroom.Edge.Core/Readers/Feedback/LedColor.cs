namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>The reader's LED as the person at the door sees it.</summary>
public enum LedColor
{
    Off,
    Red,
    Green,
}
