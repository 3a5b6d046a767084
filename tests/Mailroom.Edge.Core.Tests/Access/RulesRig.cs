using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Core.Tests.Doors;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Core.Tests.Access;

/// <summary>
/// Two doors (<c>front</c> with an entry and an exit reader, <c>inner</c>) on virtual time starting Monday
/// 2 Nov 2026 09:00 in London (UTC+0), with a cast of credentials that exercises every rule:
/// 1 Ada (staff, PIN 1234, duress 9999), 2 Bob (staff), 3 Cy (night shift 22–06), 4 Dee (responder), 5 Eve (disabled),
/// 6 Fay (expired), 7 Gus (inner only), 8 Hal (lockdown key), 9 Ivy (extended grant), 10 Jo (business hours, front),
/// and couriers (category <c>delivery</c>, group <c>carriers</c> without a schedule, each card limited to the
/// delivery window 08:00–11:00 on weekdays): 11 Kit (no use limit), 12 Lou (one-time pass), 13 Max (two uses, PIN 4321).
/// </summary>
internal sealed class RulesRig : IDisposable
{
    public const uint Facility = 42;
    public static readonly DoorId Front = new("front");
    public static readonly DoorId Inner = new("inner");
    public static readonly ReaderId FrontIn = new("front-in");
    public static readonly ReaderId FrontOut = new("front-out");
    public static readonly ReaderId InnerReader = new("inner-in");
    public static readonly ReaderId FrontKeypad = new("front-keypad");
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly string AdaPin = PinHash.Hash("1234", 1000);
    private static readonly string AdaDuress = PinHash.Hash("9999", 1000);
    private static readonly string CourierPin = PinHash.Hash("4321", 1000);

    private readonly List<DoorStrike> _strikes = [];

    public RulesRig(DoorRules? frontRules = null, bool interlock = false, UnsyncedClockPolicy unsynced = UnsyncedClockPolicy.OutsideSchedule, DoorMode frontMode = DoorMode.CardOnly, DateTimeOffset? start = null,
        Func<TimeProvider, CredentialFreshness>? freshness = null, IPassageLog? passages = null, ICredentialUseLog? uses = null)
    {
        Time = new ManualTimeProvider(start ?? Start);
        var staff = new[] { "staff" };
        Store.Add(new EnrolledCredential("H10301", Facility, 1, "Ada", true, null, null) { Groups = staff, PinHash = AdaPin, DuressPinHash = AdaDuress });
        Store.Add(new EnrolledCredential("H10301", Facility, 2, "Bob", true, null, null) { Groups = staff });
        Store.Add(new EnrolledCredential("H10301", Facility, 3, "Cy", true, null, null) { Groups = ["night"] });
        Store.Add(new EnrolledCredential("H10301", Facility, 4, "Dee", true, null, null) { Groups = staff, Responder = true });
        Store.Add(new EnrolledCredential("H10301", Facility, 5, "Eve", false, null, null) { Groups = staff });
        Store.Add(new EnrolledCredential("H10301", Facility, 6, "Fay", true, Start.AddDays(-10), Start.AddDays(-1)) { Groups = staff });
        Store.Add(new EnrolledCredential("H10301", Facility, 7, "Gus", true, null, null) { Groups = ["inner-only"] });
        Store.Add(new EnrolledCredential("H10301", Facility, 8, "Hal", true, null, null) { Groups = staff, LockdownKey = true });
        Store.Add(new EnrolledCredential("H10301", Facility, 9, "Ivy", true, null, null) { Groups = staff, ExtendedGrant = true });
        Store.Add(new EnrolledCredential("H10301", Facility, 10, "Jo", true, null, null) { Groups = ["business"] });
        string[] carriers = ["carriers"];
        Store.Add(new EnrolledCredential("H10301", Facility, 11, "Kit", true, null, null) { Groups = carriers, Category = "delivery", Schedule = "delivery-window" });
        Store.Add(new EnrolledCredential("H10301", Facility, 12, "Lou", true, null, null) { Groups = carriers, Category = "delivery", Schedule = "delivery-window", MaxUses = 1 });
        Store.Add(new EnrolledCredential("H10301", Facility, 13, "Max", true, null, null) { Groups = carriers, Category = "delivery", Schedule = "delivery-window", MaxUses = 2, PinHash = CourierPin });

        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var weekdays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var holidays = new HashSet<DateOnly> { new(2026, 12, 25) };
        var schedules = new Dictionary<string, Schedule>
        {
            ["business"] = new("business", london, [new WeeklyWindow(weekdays, new TimeOnly(8, 0), new TimeOnly(18, 0))], holidays),
            ["delivery-window"] = new("delivery-window", london, [new WeeklyWindow(weekdays, new TimeOnly(8, 0), new TimeOnly(11, 0))], holidays),
            ["nights"] = new("nights", london, [new WeeklyWindow(Enum.GetValues<DayOfWeek>().ToHashSet(), new TimeOnly(22, 0), new TimeOnly(6, 0), OnHolidays: true)], holidays),
        };
        var groups = new Dictionary<string, AccessGroup>
        {
            ["staff"] = new("staff", new HashSet<DoorId> { Front, Inner }, null),
            ["night"] = new("night", new HashSet<DoorId> { Front }, "nights"),
            ["business"] = new("business", new HashSet<DoorId> { Front }, "business"),
            ["inner-only"] = new("inner-only", new HashSet<DoorId> { Inner }, null),
            ["carriers"] = new("carriers", new HashSet<DoorId> { Front }, null),
        };
        var doorRules = new Dictionary<DoorId, DoorRules> { [Front] = frontRules ?? DoorRules.Default };

        FrontDoor = NewDoor(Front, frontMode);
        InnerDoor = NewDoor(Inner, DoorMode.CardOnly);
        Site = new DoorSite([FrontDoor, InnerDoor], interlock ? [[Front, Inner]] : [], Time, Events);
        Clock = new FixedClockStatus(true);
        Rules = new AccessRules(Store, new AccessRuleSet(groups, schedules, doorRules), Site, new ScheduleClock(Time, Clock, unsynced), Time, Store, freshness?.Invoke(Time), passages, uses);
        In = new AccessPoint(FrontIn, ReaderDirection.Entry, [CardFormats.H10301], Rules, Site, FrontDoor, AccessEvents, Time);
        Out = new AccessPoint(FrontOut, ReaderDirection.Exit, [CardFormats.H10301], Rules, Site, FrontDoor, AccessEvents, Time);
        InnerIn = new AccessPoint(InnerReader, ReaderDirection.None, [CardFormats.H10301], Rules, Site, InnerDoor, AccessEvents, Time);
        Keypad = new AccessPoint(FrontKeypad, ReaderDirection.Entry, [CardFormats.H10301], Rules, Site, FrontDoor, AccessEvents, Time);
    }

    public ManualTimeProvider Time { get; }

    public InMemoryCredentials Store { get; } = new();

    public RecordingOutput Outputs { get; } = new();

    /// <summary>The doors' and the site's events.</summary>
    public EventList Events { get; } = [];

    /// <summary>The readers' events (decisions, PIN entry).</summary>
    public EventList AccessEvents { get; } = [];

    public DoorController FrontDoor { get; }

    public DoorController InnerDoor { get; }

    public DoorSite Site { get; }

    public FixedClockStatus Clock { get; }

    public AccessRules Rules { get; }

    public AccessPoint In { get; }

    public AccessPoint Out { get; }

    public AccessPoint InnerIn { get; }

    /// <summary>A keypad of its own beside the entry reader of the front door (same side).</summary>
    public AccessPoint Keypad { get; }

    public bool FrontReleased => Outputs.GetValue(new LineOffset(0));

    public AccessDecision Card(ulong number, AccessPoint? at = null, uint facility = Facility, string? pin = null) =>
        (at ?? In).Decide(new AccessRequest(default, default) { Card = new CardCredential("H10301", facility, number), Pin = pin }).Decision;

    public AccessDecision Pin(string pin, AccessPoint? at = null) => (at ?? In).Decide(new AccessRequest(default, default) { Pin = pin }).Decision;

    public AccessDecision Biometric(string holder, AccessPoint? at = null) => (at ?? In).Decide(new AccessRequest(default, default) { BiometricHolder = holder }).Decision;

    public void Wait(double seconds) => Time.Advance(TimeSpan.FromSeconds(seconds));

    private DoorController NewDoor(DoorId id, DoorMode mode)
    {
        var strike = new DoorStrike(Outputs, new LineOffset((uint)_strikes.Count), energiseToUnlock: true);
        _strikes.Add(strike);
        return new DoorController(id, new DoorSettings { Mode = mode }, strike, Time, Events);
    }

    public void Dispose()
    {
        FrontDoor.Dispose();
        InnerDoor.Dispose();
        _strikes.ForEach(s => s.Dispose());
    }
}
