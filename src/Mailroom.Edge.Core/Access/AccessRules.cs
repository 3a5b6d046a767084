using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;

namespace Mailroom.Edge.Core.Access;

/// <summary>
/// The access rules of a professional controller, checked in a fixed order with every check recorded in the trace and
/// the first that fails as the reason: door mode, enrolment, enabled, validity window, lockdown (responders only),
/// access group and its schedule, the credential's own schedule, its use limit, second factor (PIN with duress, or biometric), anti-passback, interlock, two-person.
/// Stateful across presentations (a card waiting for its PIN, the first of two persons, anti-passback memory), so one
/// instance serves the whole device; a decision takes a lock for microseconds (a PIN check: one PBKDF2). Anti-passback
/// memory is loaded from the <see cref="IPassageLog"/> at start and written behind to it, so it survives a restart; the
/// use counts of credentials with a limit (<see cref="EnrolledCredential.MaxUses"/>) are kept the same way in the
/// <see cref="ICredentialUseLog"/>.
/// Time-dependent checks (validity windows, schedules, timed anti-passback after a restart) follow the clock policy of
/// the <see cref="ScheduleClock"/>.
/// Never grants when data is missing or malformed.
/// </summary>
public sealed class AccessRules(
    ICredentialStore credentials,
    AccessRuleSet rules,
    DoorSite doors,
    ScheduleClock schedules,
    TimeProvider time,
    IPinLookup? pins = null,
    CredentialFreshness? freshness = null,
    IPassageLog? passageLog = null,
    ICredentialUseLog? useLog = null)
{
    private readonly Lock _gate = new();
    // A card waits for its second factor at its door and side, not at its reader: the keypad or biometric reader
    // beside a card reader is usually a device of its own (Readers:{name}:Direction must match the card reader's).
    private readonly Dictionary<(DoorId Door, ReaderDirection Side), PendingCard> _pendingCards = [];
    private readonly Dictionary<DoorId, (string Holder, long At)> _firstPerson = [];
    private readonly Dictionary<string, PassageMemory> _passages = LoadPassages(passageLog);
    private readonly Dictionary<string, int> _uses = LoadUses(useLog);

    public AccessRuleSet RuleSet => rules;

    public AccessDecision Decide(AccessRequest request)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            // Every decision refreshes the last trusted time, so LastKnownGood has a recent one to carry forward.
            schedules.TrustedNow();
            var door = doors[request.Door];
            var doorRules = rules.For(request.Door);
            var mode = door.Mode;

            if (request.Card is null)
            {
                if (_pendingCards.Remove((request.Door, request.Direction), out var pending) && now <= pending.Expires)
                    return CompleteSecondFactor(request, pending, door, doorRules, now);
                var none = new CardCredential("PIN", null, 0);
                var trace = new List<DecisionCheck>(12);
                if (request.Pin is not { } pin || mode is not (DoorMode.PinOnly or DoorMode.CardOrPin or DoorMode.Lockdown))
                    return Deny(trace, none, null, DenialReason.NoPendingCard, "pending_card", "no card waits for this factor");
                if (pins is null)
                    return Deny(trace, none, null, DenialReason.PinLookupUnavailable, "pin_lookup", "PIN-only entry needs a PIN directory");
                var matches = pins.FindByPin(pin);
                if (matches.Count == 0)
                    return Deny(trace, none, null, DenialReason.WrongPin, "pin", "no credential has this PIN");
                if (matches.Count > 1)
                    return Deny(trace, none, null, DenialReason.AmbiguousPin, "pin", $"{matches.Count} credentials share this PIN; doors that admit by PIN alone need unique PINs");
                var (byPin, duressPin) = (matches[0].Credential, matches[0].Duress);
                trace.Add(new DecisionCheck("pin", true));
                return DecideCredential(request, new CardCredential(byPin.Format, byPin.Facility, byPin.Number), byPin, trace, door, doorRules, now, factorDone: true, duress: duressPin);
            }

            var card = request.Card;
            var checks = new List<DecisionCheck>(12);
            switch (mode)
            {
                case DoorMode.Locked:
                    return Deny(checks, card, null, DenialReason.DoorLocked, "mode", "door is in locked mode");
                case DoorMode.PinOnly:
                    return Deny(checks, card, null, DenialReason.ModeNotAccepted, "mode", "door accepts PINs only");
                case DoorMode.FacilityCodeOnly:
                    // Degraded mode: the credential list is not consulted, only the facility code.
                    checks.Add(new DecisionCheck("mode", true, "facility_code_only"));
                    if (card.Facility is not { } facility || !doorRules.FacilityCodes.Contains(facility))
                        return Deny(checks, card, null, DenialReason.FacilityCodeRejected, "facility_code", $"facility {card.Facility?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} not accepted");
                    checks.Add(new DecisionCheck("facility_code", true));
                    return Grant(checks, card, null);
            }
            checks.Add(new DecisionCheck("mode", true, WireModeName(mode)));

            var enrolled = credentials.Find(card);
            if (enrolled is null)
                return Deny(checks, card, null, DenialReason.UnknownCredential, "enrolled", "no such card in the credential list");
            checks.Add(new DecisionCheck("enrolled", true));
            var pinFactor = false;
            var duress = false;
            if (request.Pin is { } withPin)
            {
                // Card and PIN in one presentation (a reader with its own keypad buffer).
                if (PinHash.Verify(withPin, enrolled.PinHash))
                    pinFactor = true;
                else if (PinHash.Verify(withPin, enrolled.DuressPinHash))
                    pinFactor = duress = true;
                else
                    return Deny(checks, card, enrolled, DenialReason.WrongPin, "pin", "PIN does not match");
            }
            return DecideCredential(request, card, enrolled, checks, door, doorRules, now, pinFactor, duress);
        }
    }

    private AccessDecision DecideCredential(
        AccessRequest request, CardCredential card, EnrolledCredential enrolled, List<DecisionCheck> trace,
        DoorController door, DoorRules doorRules, long now, bool factorDone, bool duress)
    {
        if (!enrolled.Enabled)
            return Deny(trace, card, enrolled, DenialReason.CredentialDisabled, "enabled", null);
        trace.Add(new DecisionCheck("enabled", true));

        // Only a credential with a validity window depends on the time; the clock policy decides what an untrusted
        // clock means for it (Clock:WhenUnsynchronised).
        string? clockDetail = null;
        if (enrolled.ValidFrom is not null || enrolled.ValidUntil is not null)
        {
            (var trustedNow, clockDetail) = schedules.TrustedNow();
            if (trustedNow is not { } utcNow)
                return Deny(trace, card, enrolled, DenialReason.ClockUntrusted, "validity", $"{clockDetail}; a credential with a validity window is not admitted");
            var detail = clockDetail is null ? "" : $" ({clockDetail})";
            if (enrolled.ValidFrom is { } from && utcNow < from)
                return Deny(trace, card, enrolled, DenialReason.CredentialNotYetValid, "valid_from", $"valid from {from:O}{detail}");
            if (enrolled.ValidUntil is { } until && utcNow >= until)
                return Deny(trace, card, enrolled, DenialReason.CredentialExpired, "valid_until", $"expired {until:O}{detail}");
        }
        trace.Add(new DecisionCheck("validity", true, clockDetail));

        // A list past its maximum age with the RespondersOnly policy admits responders only (Credentials:WhenStale).
        if (freshness?.Refuses(enrolled) is { } stale)
            return Deny(trace, card, enrolled, DenialReason.CredentialListStale, "list_fresh", stale);

        if (door.Mode == DoorMode.Lockdown)
        {
            if (!enrolled.Responder)
                return Deny(trace, card, enrolled, DenialReason.LockdownActive, "lockdown", "only responders pass");
            // A responder in a lockdown goes where the emergency is: groups, schedules and the rest do not apply.
            trace.Add(new DecisionCheck("lockdown", true, "responder"));
            return GrantCounted(trace, card, enrolled, duress);
        }
        if (enrolled.LockdownKey)
        {
            trace.Add(new DecisionCheck("lockdown_key", false, "designated lockdown credential"));
            return new AccessDecision(false, DenialReason.LockdownInitiated, card, enrolled.Holder, trace) { StartsLockdown = true, Responder = enrolled.Responder, Category = enrolled.Category };
        }

        if (rules.GroupsEnforced)
        {
            var inGroup = false;
            string? scheduleDetail = null;
            string? passedBy = null;
            foreach (var name in enrolled.Groups)
            {
                if (!rules.Groups.TryGetValue(name, out var group) || !group.Doors.Contains(request.Door))
                    continue;
                inGroup = true;
                if (group.Schedule is null)
                {
                    passedBy = name;
                    break;
                }
                if (!rules.Schedules.TryGetValue(group.Schedule, out var schedule))
                {
                    scheduleDetail = $"schedule '{group.Schedule}' is not configured";
                    continue;
                }
                var (active, detail) = schedules.IsActive(schedule);
                if (active)
                {
                    passedBy = $"{name} ({schedule.Name}{(detail is null ? "" : "; " + detail)})";
                    break;
                }
                scheduleDetail = $"{name}: outside {schedule.Name}{(detail is null ? "" : "; " + detail)}";
            }
            if (!inGroup)
                return Deny(trace, card, enrolled, DenialReason.NotInAccessGroup, "access_group", "no group of this credential includes the door");
            if (passedBy is null)
                return Deny(trace, card, enrolled, DenialReason.OutsideSchedule, "schedule", scheduleDetail);
            trace.Add(new DecisionCheck("access_group", true, passedBy));
        }
        if (CredentialLimits(card, enrolled, trace) is { } limited)
            return limited;

        var wanted = door.Mode == DoorMode.CardAndPin && doorRules.SecondFactor == SecondFactor.None ? SecondFactor.Pin : doorRules.SecondFactor;
        if (wanted != SecondFactor.None && !factorDone)
        {
            var window = doorRules.SecondFactorWindow;
            _pendingCards[(request.Door, request.Direction)] = new PendingCard(card, enrolled, [.. trace], wanted, now + Ticks(window));
            trace.Add(new DecisionCheck("second_factor", false, $"waiting {WireFactorName(wanted)} for {window.TotalSeconds:0.#} s"));
            return new AccessDecision(false, DenialReason.AwaitingSecondFactor, card, enrolled.Holder, trace) { Pending = true, Category = enrolled.Category };
        }
        if (wanted != SecondFactor.None)
            trace.Add(new DecisionCheck("second_factor", true));

        return AfterFactors(request, card, enrolled, trace, doorRules, now, duress);
    }

    private AccessDecision CompleteSecondFactor(AccessRequest request, PendingCard pending, DoorController door, DoorRules doorRules, long now)
    {
        var trace = new List<DecisionCheck>(pending.Trace);
        var card = pending.Card;
        var enrolled = pending.Credential;
        var holder = enrolled.Holder;
        var duress = false;
        if (request.Pin is { } pin && pending.Wanted is SecondFactor.Pin or SecondFactor.PinOrBiometric)
        {
            if (PinHash.Verify(pin, pending.Credential.PinHash))
            {
            }
            else if (PinHash.Verify(pin, pending.Credential.DuressPinHash))
            {
                duress = true;
            }
            else
            {
                return Deny(trace, card, enrolled, DenialReason.WrongPin, "second_factor", "PIN does not match");
            }
        }
        else if (request.BiometricHolder is { } matched && pending.Wanted is SecondFactor.Biometric or SecondFactor.PinOrBiometric)
        {
            if (holder is null || !string.Equals(matched, holder, StringComparison.Ordinal))
                return Deny(trace, card, enrolled, DenialReason.SecondFactorMismatch, "second_factor", "biometric matched someone else");
        }
        else
        {
            return Deny(trace, card, enrolled, DenialReason.SecondFactorMismatch, "second_factor", $"expected {WireFactorName(pending.Wanted)}");
        }
        // The door may have changed while the PIN was typed (lockdown, locked mode): decide again on fresh state.
        if (door.Mode is DoorMode.Locked or DoorMode.Lockdown or DoorMode.PinOnly or DoorMode.FacilityCodeOnly)
            return DecideCredential(request, card, pending.Credential, [], door, doorRules, now, factorDone: true, duress);
        trace.Add(new DecisionCheck("second_factor", true));
        // Another presentation may have spent the last use while the PIN was typed.
        if (UseLimit(card, enrolled, trace) is { } spent)
            return spent;
        return AfterFactors(request, card, pending.Credential, trace, doorRules, now, duress);
    }

    private AccessDecision AfterFactors(
        AccessRequest request, CardCredential card, EnrolledCredential enrolled, List<DecisionCheck> trace, DoorRules doorRules, long now, bool duress)
    {
        var holder = enrolled.Holder;
        var key = CredentialKey(card);
        var violation = false;
        if (doorRules.AntiPassback != AntiPassbackMode.Off && request.Direction != ReaderDirection.None)
        {
            if (_passages.TryGetValue(key, out var last) && last.Direction == request.Direction)
            {
                var (blocked, why) = doorRules.AntiPassback switch
                {
                    AntiPassbackMode.Hard => (true, null),
                    AntiPassbackMode.Timed => StillTimedOut(last, doorRules.AntiPassbackTime, now),
                    _ => (false, null),
                };
                if (blocked)
                    return Deny(trace, card, enrolled, DenialReason.AntiPassback, "anti_passback", $"last passage was also {WireNames(request.Direction)}{(why is null ? "" : "; " + why)}");
                violation = doorRules.AntiPassback == AntiPassbackMode.Soft;
            }
            trace.Add(new DecisionCheck("anti_passback", true, violation ? "soft violation" : null));
        }

        if (doors.InterlockBlocker(request.Door) is { } blocker)
            return Deny(trace, card, enrolled, DenialReason.Interlock, "interlock", $"door {blocker} is not closed and locked");

        if (doorRules.TwoPerson)
        {
            var person = holder ?? key;
            if (_firstPerson.Remove(request.Door, out var first) && now - first.At <= Ticks(doorRules.TwoPersonWindow) && first.Holder != person)
            {
                trace.Add(new DecisionCheck("two_person", true, $"with {first.Holder}"));
            }
            else
            {
                _firstPerson[request.Door] = (person, now);
                trace.Add(new DecisionCheck("two_person", false, $"waiting for a second person for {doorRules.TwoPersonWindow.TotalSeconds:0.#} s"));
                return new AccessDecision(false, DenialReason.AwaitingSecondPerson, card, holder, trace) { Pending = true, Category = enrolled.Category };
            }
        }

        if (request.Direction != ReaderDirection.None)
            RememberPassage(key, request.Direction, now);
        var decision = GrantCounted(trace, card, enrolled, duress);
        return violation ? decision with { PassbackViolation = true } : decision;
    }

    /// <summary>Timed anti-passback: is the same direction still barred? A passage of this process is timed on the
    /// monotonic clock, which a wrong wall clock cannot move. One remembered from before a restart has only its wall
    /// time: it needs a trusted time (by the clock policy), and without one — or when it was recorded while the clock
    /// was not trusted — how long ago it was is unknown, and the passage stays barred until the clock is trusted.</summary>
    private (bool Blocked, string? Why) StillTimedOut(PassageMemory last, TimeSpan window, long now)
    {
        if (last.Timestamp is { } at)
            return (now - at < Ticks(window), null);
        var (trustedNow, detail) = schedules.TrustedNow();
        if (trustedNow is not { } utcNow || last.At is not { } then)
            return (true, last.At is null ? "recorded before a restart while the clock was not trusted" : detail);
        return (utcNow - then < window, detail);
    }

    private void RememberPassage(string key, ReaderDirection direction, long now)
    {
        // The wall time is only worth keeping when the clock is trusted; see Passage.At.
        var at = schedules.TrustedNow() is ({ } trusted, null) ? trusted : (DateTimeOffset?)null;
        _passages[key] = new PassageMemory(direction, now, at);
        passageLog?.Record(new Passage(key, direction, at));
    }

    private static Dictionary<string, PassageMemory> LoadPassages(IPassageLog? log)
    {
        var passages = new Dictionary<string, PassageMemory>(StringComparer.Ordinal);
        foreach (var p in log?.Load() ?? [])
            passages[p.Credential] = new PassageMemory(p.Direction, null, p.At);
        return passages;
    }

    /// <summary>The credential's own schedule (a courier's delivery window, on top of its groups') and its use limit;
    /// the denial when one of them fails, null when both pass (or are not set).</summary>
    private AccessDecision? CredentialLimits(CardCredential card, EnrolledCredential enrolled, List<DecisionCheck> trace)
    {
        if (enrolled.Schedule is { } own)
        {
            if (!rules.Schedules.TryGetValue(own, out var schedule))
                return Deny(trace, card, enrolled, DenialReason.OutsideSchedule, "credential_schedule", $"schedule '{own}' is not configured");
            var (active, detail) = schedules.IsActive(schedule);
            var why = detail is null ? "" : "; " + detail;
            if (!active)
                return Deny(trace, card, enrolled, DenialReason.OutsideSchedule, "credential_schedule", $"outside {own}{why}");
            trace.Add(new DecisionCheck("credential_schedule", true, own + why));
        }
        return UseLimit(card, enrolled, trace);
    }

    private AccessDecision? UseLimit(CardCredential card, EnrolledCredential enrolled, List<DecisionCheck> trace)
    {
        if (enrolled.MaxUses is not { } maxUses)
            return null;
        var used = _uses.GetValueOrDefault(CredentialKey(card));
        if (used >= maxUses)
            return Deny(trace, card, enrolled, DenialReason.UsesExhausted, "uses", $"used {used} of {maxUses}") with { Uses = used, MaxUses = maxUses };
        trace.Add(new DecisionCheck("uses", true, $"used {used} of {maxUses}"));
        return null;
    }

    /// <summary>A grant; for a credential with a use limit, the use is counted here (only a grant is a use) and
    /// written behind to the use log.</summary>
    private AccessDecision GrantCounted(List<DecisionCheck> trace, CardCredential card, EnrolledCredential enrolled, bool duress)
    {
        var decision = Grant(trace, card, enrolled, duress);
        if (enrolled.MaxUses is not { } maxUses)
            return decision;
        var key = CredentialKey(card);
        var uses = _uses.GetValueOrDefault(key) + 1;
        _uses[key] = uses;
        useLog?.Record(new CredentialUse(key, uses));
        return decision with { Uses = uses, MaxUses = maxUses };
    }

    private static Dictionary<string, int> LoadUses(ICredentialUseLog? log)
    {
        var uses = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var use in log?.Load() ?? [])
            uses[use.Credential] = use.Uses;
        return uses;
    }

    /// <summary>The key of anti-passback memory and use counts: <c>format:facility:number</c>.</summary>
    private static string CredentialKey(CardCredential card) => $"{card.Format}:{card.Facility}:{card.Number}";

    private static AccessDecision Grant(List<DecisionCheck> trace, CardCredential card, EnrolledCredential? enrolled, bool duress = false) =>
        new(true, null, card, enrolled?.Holder, trace)
        {
            ExtendedGrant = enrolled?.ExtendedGrant ?? false,
            Duress = duress,
            Responder = enrolled?.Responder ?? false,
            Category = enrolled?.Category,
        };

    private static AccessDecision Deny(List<DecisionCheck> trace, CardCredential card, EnrolledCredential? enrolled, DenialReason reason, string check, string? detail)
    {
        trace.Add(new DecisionCheck(check, false, detail));
        return new AccessDecision(false, reason, card, enrolled?.Holder, trace) { Category = enrolled?.Category };
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private static string WireModeName(DoorMode mode) => Events.WireNames.SnakeCase(mode.ToString());

    private static string WireFactorName(SecondFactor factor) => Events.WireNames.SnakeCase(factor.ToString());

    private static string WireNames(ReaderDirection direction) => Events.WireNames.SnakeCase(direction.ToString());

    /// <summary>A remembered passage: <see cref="Timestamp"/> is this process's monotonic time (null for one loaded
    /// from the log at start), <see cref="At"/> the trusted wall time, if there was one.</summary>
    private readonly record struct PassageMemory(ReaderDirection Direction, long? Timestamp, DateTimeOffset? At);

    private sealed record PendingCard(CardCredential Card, EnrolledCredential Credential, IReadOnlyList<DecisionCheck> Trace, SecondFactor Wanted, long Expires);
}
