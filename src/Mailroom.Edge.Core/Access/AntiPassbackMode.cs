namespace Mailroom.Edge.Core.Access;

/// <summary>
/// Anti-passback: a card that went in must come out before it goes in again (so it cannot be passed back to someone).
/// Soft grants and flags the violation; hard denies it; timed denies the same direction again within a time.
/// </summary>
public enum AntiPassbackMode
{
    Off,
    Soft,
    Hard,
    Timed,
}
