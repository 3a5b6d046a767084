using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Host.Configuration;

/// <summary>One door: strike, sensors, timings, mode and per-door rules (see docs/configuration.md).</summary>
public sealed class DoorOptions
{
    public StrikeOptions Strike { get; set; } = new();

    public TimeSpan GrantTime { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan ExtendedGrantTime { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan MinimumPulse { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Unset: <c>DoorOpen</c> with a position switch, <c>GrantTime</c> without one.</summary>
    public RelockTrigger? RelockOn { get; set; }

    /// <summary>Door position switch; without one the door cannot raise forced or held-open alarms.</summary>
    public InputLineOptions? Dps { get; set; }

    public TimeSpan? HeldOpenWarning { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan HeldOpenTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Request-to-exit input.</summary>
    public InputLineOptions? Rex { get; set; }

    public ExitAction ExitAction { get; set; } = ExitAction.Unlock;

    public TimeSpan ExitShuntTime { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan ExitIgnoreAfterGrant { get; set; } = TimeSpan.FromSeconds(2);

    public InputLineOptions? Tamper { get; set; }

    public DoorMode Mode { get; set; } = DoorMode.CardOnly;

    public List<ModeScheduleOptions> ModeSchedules { get; set; } = [];

    public SecondFactor SecondFactor { get; set; } = SecondFactor.None;

    public TimeSpan SecondFactorWindow { get; set; } = TimeSpan.FromSeconds(10);

    public bool TwoPerson { get; set; }

    public TimeSpan TwoPersonWindow { get; set; } = TimeSpan.FromSeconds(10);

    public AntiPassbackMode AntiPassback { get; set; } = AntiPassbackMode.Off;

    public TimeSpan AntiPassbackTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Accepted in <c>FacilityCodeOnly</c> mode.</summary>
    public List<uint> FacilityCodes { get; set; } = [];

    /// <summary>The modes (its own, then its mode schedules') in which the door admits a PIN typed alone, found
    /// through the PIN directory: <c>PinOnly</c> and <c>CardOrPin</c>.</summary>
    public IEnumerable<DoorMode> PinAloneModes() =>
        ModeSchedules.Select(m => m.Mode).Prepend(Mode).Where(m => m is DoorMode.PinOnly or DoorMode.CardOrPin);
}
