using System.Globalization;
using System.Text;
using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Readers.Nfc;
using Mailroom.Edge.Core.Readers.Wiegand;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Services;
using Mailroom.Edge.Core.Text;

namespace Mailroom.Edge.Host.Simulation;

/// <summary>
/// Runs the real core — built by the agent's own <see cref="DoorAssembly"/>: door controllers, access rules, readers
/// with their formats, keypads and feedback, the input routing — on a simulated chip and a virtual clock, step by step
/// from a script. It is the assembly's <see cref="IEventPort"/>: every event is written as one JSON line (the v1 payload,
/// with a simulator <c>seq</c>) in the order the core emits it, which is the agent's outbox order. Failed <c>expect</c>
/// steps are reported on the error writer and make <see cref="Run"/> return false. Time moves only in <c>wait</c> steps
/// (and by a card's few milliseconds on the wire).
/// </summary>
public sealed class ScenarioRunner : IEventPort, IDisposable
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private readonly EdgeOptions _options;
    private readonly TextWriter _output;
    private readonly TextWriter _errors;
    private readonly DeviceIdentity _device;
    private readonly List<(DomainEvent Event, JsonDocument Json)> _events = [];
    private readonly FixedClockStatus _clock = new(true);
    private readonly InMemoryCredentials _credentials = new();
    private readonly Dictionary<string, SimReader> _readers = new(StringComparer.Ordinal);
    private VirtualTimeProvider? _time;
    private SimulatedGpioChip? _chip;
    private DoorAssembly? _assembly;
    private SimulatedContacts? _contacts;
    private int _cursor;
    private long _seq;

    public ScenarioRunner(EdgeOptions options, TextWriter output, TextWriter errors, IEnumerable<EnrolledCredential>? seed = null)
    {
        _options = options;
        _output = output;
        _errors = errors;
        _device = new DeviceIdentity(options.Site, options.Device);
        foreach (var credential in seed ?? [])
            _credentials.Add(credential);
    }

    /// <summary>Runs every step; returns true when every expectation was met.</summary>
    public bool Run(IReadOnlyList<ScenarioStep> steps)
    {
        var failures = 0;
        var start = 0;
        var at = DefaultStart;
        if (steps.Count > 0 && steps[0].Verb == "start")
        {
            at = ParseInstant(steps[0], steps[0].Arg(0, "an instant such as 2026-01-05T09:00:00Z"));
            start = 1;
        }
        Start(at);
        foreach (var step in steps.Skip(start))
        {
            if (!Execute(step))
                failures++;
        }
        return failures == 0;
    }

    private void Start(DateTimeOffset at)
    {
        _time = new VirtualTimeProvider(at);
        _chip = new SimulatedGpioChip(_time);
        // Contacts rest inactive before anyone reads them, whatever their polarity.
        _contacts = new SimulatedContacts(_chip, _options);
        _contacts.Rest();
        _assembly = new DoorAssembly(_chip, _options, new AccessSources(_credentials, _credentials, _clock), this, _time);
        foreach (var reader in _assembly.Readers)
        {
            // An OSDP reader has no wires to simulate: its reads go straight to its access point, as its session hands them.
            var wire = reader.Input is { } lines ? new SimulatedWiegandReader(_chip, lines.Assembler.D0, lines.Assembler.D1, _time) : null;
            // A matrix keypad is scanned by the runner itself, on the virtual clock, as the agent's loop would.
            var pad = reader.Matrix is { } m ? new SimulatedKeyMatrix(_chip, m.Lines.Rows, m.Lines.Columns, m.Layout) : null;
            _readers[reader.Name.Value] = new SimReader(reader, wire, pad);
        }
    }

    private bool Execute(ScenarioStep step)
    {
        switch (step.Verb)
        {
            case "credential": Enrol(step); return true;
            case "card": PresentCard(step); return true;
            case "tap": Tap(step); return true;
            case "pin": Present(step, new AccessRequest(default, default) { Pin = step.Arg(1, "the PIN") }); return true;
            case "keys": PressKeys(step); return true;
            case "biometric": Present(step, new AccessRequest(default, default) { BiometricHolder = step.Arg(1, "the matched holder") }); return true;
            case "open": SetInput(step, InputKind.Dps, step.Arg(0, "a door"), true); return true;
            case "close": SetInput(step, InputKind.Dps, step.Arg(0, "a door"), false); return true;
            case "exit":
                SetInput(step, InputKind.Rex, step.Arg(0, "a door"), true);
                SetInput(step, InputKind.Rex, step.Arg(0, "a door"), false);
                return true;
            case "tamper": SetInput(step, InputKind.Tamper, step.Arg(0, "a door"), OnOff(step, 1)); return true;
            case "aux": SetInput(step, InputKind.Aux, step.Arg(0, "an auxiliary input"), OnOff(step, 1)); return true;
            case "wait": Wait(ParseDuration(step, step.Arg(0, "a duration such as 5s"))); return true;
            case "lockdown":
                var scope = step.Arg(0, "all or a door");
                _assembly!.Doors.Site.SetLockdown(scope == "all" ? null : Door(step, scope).Id, OnOff(step, 1), "command", step.Named.GetValueOrDefault("by"));
                return true;
            case "mode":
                var mode = step.Arg(1, "a mode or none");
                Door(step, step.Arg(0, "a door")).SetCommandMode(mode == "none" ? null : ParseEnum<DoorMode>(step, mode));
                return true;
            case "clock":
                _clock.IsSynchronised = step.Arg(0, "synced or unsynced") switch
                {
                    "synced" => true,
                    "unsynced" => false,
                    var other => throw new ScenarioException(step.Line, $"'{other}' is not synced or unsynced"),
                };
                _assembly!.Doors.EvaluateSchedules();
                return true;
            case "expect": return Expect(step);
            default: throw new ScenarioException(step.Line, $"unknown step '{step.Verb}' (see docs/simulator.md)");
        }
    }

    private void Enrol(ScenarioStep step)
    {
        var format = step.Arg(0, "a format");
        var facilityText = step.Arg(1, "a facility (or -)");
        uint? facility = facilityText == "-" ? null : ParseNumber<uint>(step, facilityText);
        var number = ParseNumber<ulong>(step, step.Arg(2, "a card number"));
        var n = step.Named;
        var flags = step.Args.Skip(3).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var category = n.GetValueOrDefault("category");
        if (category is not null && CredentialCategory.Problem(category) is { } problem)
            throw new ScenarioException(step.Line, $"category: {problem}");
        int? maxUses = n.TryGetValue("max-uses", out var uses) ? ParseNumber<int>(step, uses) : null;
        if (maxUses < 1)
            throw new ScenarioException(step.Line, "max-uses must be at least 1");
        _credentials.Add(new EnrolledCredential(format, facility, number, n.GetValueOrDefault("holder"), !flags.Contains("disabled"),
            n.TryGetValue("from", out var from) ? ParseInstant(step, from) : null,
            n.TryGetValue("until", out var until) ? ParseInstant(step, until) : null)
        {
            Groups = n.TryGetValue("groups", out var groups) ? groups.Split(',', StringSplitOptions.RemoveEmptyEntries) : [],
            PinHash = n.TryGetValue("pin", out var pin) ? PinHash.Hash(pin, 1000) : null,
            DuressPinHash = n.TryGetValue("duress", out var duress) ? PinHash.Hash(duress, 1000) : null,
            Responder = flags.Contains("responder"),
            ExtendedGrant = flags.Contains("extended"),
            LockdownKey = flags.Contains("lockdown-key"),
            Category = category,
            MaxUses = maxUses,
            Schedule = n.GetValueOrDefault("schedule"),
        });
    }

    private void PresentCard(ScenarioStep step)
    {
        var reader = Reader(step, step.Arg(0, "a reader"));
        WiegandBits bits;
        if (step.Named.TryGetValue("bits", out var raw))
        {
            if (!WiegandBits.TryParse(raw, out bits, out var error))
                throw new ScenarioException(step.Line, $"bits: {error}");
        }
        else
        {
            var formatName = step.Arg(1, "a format (or bits=...)");
            var format = CardFormatBinding.Catalog(_options).Find(formatName)
                ?? throw new ScenarioException(step.Line, $"'{formatName}' is neither a shipped card format nor in CardFormats");
            uint? facility = step.Named.TryGetValue("facility", out var f) ? ParseNumber<uint>(step, f) : null;
            var number = ParseNumber<ulong>(step, step.Named.GetValueOrDefault("number") ?? throw new ScenarioException(step.Line, "card needs number=N"));
            bits = CardFormatCodec.Encode(format, facility, number);
        }
        if (reader.Wire is null || reader.Assembled.Input is not { } input)
        {
            reader.Assembled.AccessPoint.Decide(WiegandFrame.Whole(bits));
            return;
        }
        // The frame takes a few milliseconds on the wire and ends when the line has been quiet long enough.
        _time!.Advance(TimeSpan.FromTicks(reader.Wire.DurationNs(bits.Length) / 100) + TimeSpan.FromMilliseconds(1));
        reader.Wire.Send(bits);
        while (input.Lines.Events.TryRead(out var edge))
        {
            if (input.Assembler.OnEdge(edge) is { } frame)
                reader.Assembled.AccessPoint.Decide(frame);
        }
        if (input.Assembler.DeadlineNs is { } deadline)
        {
            Advance(TimeSpan.FromTicks(Math.Max(0, deadline - _chip!.NowNs) / 100 + 1));
            if (input.Assembler.OnTime(_chip.NowNs) is { } frame)
            {
                var checkedFrame = WiegandFrameAssembler.CheckLinesHigh(frame,
                    input.Lines.GetValue(input.Assembler.D0), input.Lines.GetValue(input.Assembler.D1));
                reader.Assembled.AccessPoint.Decide(checkedFrame);
            }
        }
    }

    /// <summary>Keys pressed on a matrix keypad, each held 80 ms then released for 80 ms, scanned at the reader's
    /// interval; <c>1+9</c> holds keys together.</summary>
    private void PressKeys(ScenarioStep step)
    {
        var reader = Reader(step, step.Arg(0, "a reader"));
        if (reader.Pad is not { } pad || reader.Assembled.Matrix is not { } keypad)
            throw new ScenarioException(step.Line, $"'{reader.Assembled.Name}' is not a MatrixKeypad reader; type a PIN at it with 'pin'");
        var keys = step.Arg(1, "the keys, e.g. 4711# or 1+9");
        var held = TimeSpan.FromMilliseconds(80);
        // The pad at rest first: a key already down at the first settled reading would be no press, as on the device.
        Scan(reader.Assembled, keypad, held);
        for (var i = 0; i < keys.Length; i++)
        {
            var together = new List<char> { keys[i] };
            while (i + 2 < keys.Length && keys[i + 1] == '+')
            {
                together.Add(keys[i + 2]);
                i += 2;
            }
            try
            {
                together.ForEach(pad.Press);
            }
            catch (ArgumentException e)
            {
                throw new ScenarioException(step.Line, e.Message);
            }
            Scan(reader.Assembled, keypad, held);
            together.ForEach(pad.Release);
            Scan(reader.Assembled, keypad, held);
        }
    }

    private void Scan(AssembledReader reader, MatrixKeypadInput keypad, TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += keypad.Interval)
        {
            Advance(keypad.Interval);
            keypad.ScanOnce(reader, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }
    }

    /// <summary>An NFC card tapped: its UID (hex) straight to the reader's access point, as the reader's loop hands it.</summary>
    private void Tap(ScenarioStep step)
    {
        var reader = Reader(step, step.Arg(0, "a reader"));
        var hex = step.Arg(1, "a UID in hex, e.g. 04A22B1AC35D80");
        byte[] uid;
        try
        {
            uid = Convert.FromHexString(hex);
        }
        catch (FormatException)
        {
            throw new ScenarioException(step.Line, $"'{hex}' is not a UID in hex (two digits a byte, e.g. DEADBEEF)");
        }
        if (reader.Assembled.Settings.Kind != ReaderKind.Nfc)
            throw new ScenarioException(step.Line, $"reader {reader.Assembled.Name} is not an NFC reader (Kind Nfc): present a card with `card`");
        reader.Assembled.AccessPoint.Decide(new CardUid(uid));
    }

    private void Present(ScenarioStep step, AccessRequest request) =>
        Reader(step, step.Arg(0, "a reader")).Assembled.AccessPoint.Decide(request);

    private void SetInput(ScenarioStep step, InputKind kind, string name, bool active)
    {
        try
        {
            _contacts!.Set(kind, name, active);
        }
        catch (InvalidOperationException e)
        {
            throw new ScenarioException(step.Line, e.Message);
        }
        _assembly!.Inputs.Drain();
    }

    private void Wait(TimeSpan duration)
    {
        // In steps of the agent's schedule interval, so scheduled modes change when they would on the device.
        var left = duration;
        while (left > TimeSpan.Zero)
        {
            var slice = left < DoorInputService.ScheduleInterval ? left : DoorInputService.ScheduleInterval;
            Advance(slice);
            _assembly!.Doors.EvaluateSchedules();
            left -= slice;
        }
    }

    private void Advance(TimeSpan by) => _time!.Advance(by);

    private bool Expect(ScenarioStep step)
    {
        var what = step.Arg(0, "event, no-event, state, strike or mode");
        string? problem;
        switch (what)
        {
            case "event":
            {
                var type = step.Arg(1, "an event type");
                var index = FindEvent(step, type, _cursor);
                problem = index < 0 ? $"no {type}{Fields(step)} among the {_events.Count - _cursor} event(s) since the last expect event" : null;
                if (index >= 0)
                    _cursor = index + 1;
                break;
            }
            case "no-event":
            {
                var type = step.Arg(1, "an event type");
                var index = FindEvent(step, type, _cursor);
                problem = index >= 0 ? $"{type}{Fields(step)} happened (seq {index + 1})" : null;
                break;
            }
            case "state":
            {
                var door = Door(step, step.Arg(1, "a door"));
                var want = step.Arg(2, "a state");
                var have = WireNames.SnakeCase(door.State.ToString());
                problem = have == want ? null : $"door {door.Id} is {have}, not {want}";
                break;
            }
            case "mode":
            {
                var door = Door(step, step.Arg(1, "a door"));
                var want = step.Arg(2, "a mode");
                var have = WireNames.SnakeCase(door.Mode.ToString());
                problem = have == want ? null : $"door {door.Id} is in mode {have}, not {want}";
                break;
            }
            case "strike":
            {
                var door = Door(step, step.Arg(1, "a door"));
                var want = step.Arg(2, "released or locked");
                var have = _assembly!.Hardware.Strike(door.Id).IsReleased ? "released" : "locked";
                problem = have == want ? null : $"the strike of {door.Id} is {have}, not {want}";
                break;
            }
            default:
                throw new ScenarioException(step.Line, $"'expect {what}' is not known (event, no-event, state, strike, mode)");
        }
        if (problem is null)
            return true;
        _errors.WriteLine($"expect failed at line {step.Line} ({step.Text}): {problem}");
        return false;
    }

    private int FindEvent(ScenarioStep step, string type, int from)
    {
        for (var i = from; i < _events.Count; i++)
        {
            var (domainEvent, json) = _events[i];
            if (domainEvent.Type == type && step.Named.All(f => Matches(json.RootElement, f.Key, f.Value)))
                return i;
        }
        return -1;
    }

    private static bool Matches(JsonElement root, string path, string want)
    {
        var element = root;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                return false;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() == want : element.GetRawText() == want;
    }

    private static string Fields(ScenarioStep step) =>
        step.Named.Count == 0 ? "" : " with " + string.Join(' ', step.Named.Select(f => $"{f.Key}={f.Value}"));

    /// <summary>Writes the event at once: the simulator's events are durable as soon as they are printed.</summary>
    public Task<EventEnvelope> Emit(DomainEvent domainEvent)
    {
        lock (_events)
        {
            _seq++;
            var envelope = new EventEnvelope(SimulatedId(_seq), _seq);
            var payload = EventSerializer.Serialize(domainEvent, envelope, _device);
            _events.Add((domainEvent, JsonDocument.Parse(payload)));
            _output.WriteLine(Encoding.UTF8.GetString(payload));
            return Task.FromResult(envelope);
        }
    }

    /// <summary>Deterministic ids, so two runs of a script print the same lines.</summary>
    private static Guid SimulatedId(long seq) => new($"00000000-0000-7000-8000-{seq:x12}");

    private DoorController Door(ScenarioStep step, string name) =>
        _assembly!.Doors.Site.TryGet(new DoorId(name), out var door) ? door : throw new ScenarioException(step.Line, $"'{name}' is not a configured door");

    private SimReader Reader(ScenarioStep step, string name) =>
        _readers.TryGetValue(name, out var reader) ? reader : throw new ScenarioException(step.Line, $"'{name}' is not a configured reader");

    private static bool OnOff(ScenarioStep step, int index) => step.Arg(index, "on or off") switch
    {
        "on" => true,
        "off" => false,
        var other => throw new ScenarioException(step.Line, $"'{other}' is not on or off"),
    };

    private static T ParseEnum<T>(ScenarioStep step, string text) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value)
            ? value
            : throw new ScenarioException(step.Line, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}");

    private static T ParseNumber<T>(ScenarioStep step, string text) where T : IParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : throw new ScenarioException(step.Line, $"'{text}' is not a number");

    private static DateTimeOffset ParseInstant(ScenarioStep step, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new ScenarioException(step.Line, $"'{text}' is not an instant (e.g. 2026-01-05T09:00:00Z)");

    internal static TimeSpan ParseDuration(ScenarioStep step, string text) =>
        DurationText.TryParse(text, out var duration) ? duration : throw new ScenarioException(step.Line, $"'{text}' is not a duration ({DurationText.Examples})");

    public void Dispose()
    {
        foreach (var reader in _readers.Values)
            reader.Pad?.Dispose();
        _assembly?.Dispose();
        foreach (var (_, json) in _events)
            json.Dispose();
    }

    private sealed record SimReader(AssembledReader Assembled, SimulatedWiegandReader? Wire, SimulatedKeyMatrix? Pad);
}
