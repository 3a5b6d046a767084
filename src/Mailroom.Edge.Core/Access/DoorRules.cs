namespace Mailroom.Edge.Core.Access;

/// <summary>The per-door rules beyond the credential itself.</summary>
public sealed record DoorRules
{
    public static readonly DoorRules Default = new();

    public SecondFactor SecondFactor { get; init; } = SecondFactor.None;

    /// <summary>How long after the card the second factor (or the PIN in card-and-PIN mode) may come.</summary>
    public TimeSpan SecondFactorWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Two different valid holders must present within <see cref="TwoPersonWindow"/>.</summary>
    public bool TwoPerson { get; init; }

    public TimeSpan TwoPersonWindow { get; init; } = TimeSpan.FromSeconds(10);

    public AntiPassbackMode AntiPassback { get; init; } = AntiPassbackMode.Off;

    /// <summary>For <see cref="AntiPassbackMode.Timed"/>: how long before the same direction is allowed again.</summary>
    public TimeSpan AntiPassbackTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Facility codes accepted in facility-code-only (degraded) mode.</summary>
    public IReadOnlySet<uint> FacilityCodes { get; init; } = new HashSet<uint>();
}
