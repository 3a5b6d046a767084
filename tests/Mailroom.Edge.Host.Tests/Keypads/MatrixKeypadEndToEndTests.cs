using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Readers;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Devices.Keypads;
using Mailroom.Edge.Devices.Simulation;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Keypads;

/// <summary>
/// A 4×3 matrix keypad at the shipped PIN-only door, through the agent's own <see cref="DoorAssembly"/> on a simulated
/// chip: keys pressed on the simulated pad, scanned by the real loop on its own thread (beat by the fake clock), into
/// PIN entry, the access rules and the strike.
/// </summary>
public sealed class MatrixKeypadEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
    private readonly SimulatedGpioChip _chip;
    private readonly EventList _events = [];
    private readonly SignalRecorder<long> _scans = new();
    private readonly List<OutputChange> _strike = [];
    private readonly DoorAssembly _assembly;
    private readonly SimulatedKeyMatrix _pad;
    private readonly KeyMatrixScanLoop _loop;

    public MatrixKeypadEndToEndTests()
    {
        _chip = new SimulatedGpioChip(_time);
        var strike = _chip.ResolveLine("GPIO17");
        _chip.OutputChanged += c =>
        {
            if (c.Offset == strike)
                lock (_strike) _strike.Add(c);
        };
        var credentials = new InMemoryCredentials();
        credentials.Add(new EnrolledCredential("H10301", 42, 3001, "Ada Lovelace", true, null, null)
        {
            Groups = ["post"], PinHash = PinHash.Hash("4711", 1000),
        });
        _assembly = new DoorAssembly(_chip, PinOnlyDoorWithMatrix(), new AccessSources(credentials, credentials, new FixedClockStatus(true)), _events, _time);
        var reader = Assert.Single(_assembly.Readers);
        var keypad = reader.Matrix!;
        _pad = new SimulatedKeyMatrix(_chip, keypad.Lines.Rows, keypad.Lines.Columns, keypad.Layout);
        _loop = keypad.Start(reader, _time, NullLogger.Instance);
        _loop.Scanned += _scans.Add;
    }

    internal static EdgeOptions PinOnlyDoorWithMatrix()
    {
        var options = EdgeConfiguration.Load(EdgeConfiguration.Build(ShippedBrokerSite.RepositoryFile("config/pin-only-door.json"), []));
        options.Readers.Clear();
        options.Readers["post-in"] = new ReaderOptions
        {
            Door = "post", Kind = ReaderKind.MatrixKeypad, PinMaxDigits = 8,
            Rows = ["GPIO6", "GPIO13", "GPIO19", "GPIO26"], Columns = ["GPIO16", "GPIO20", "GPIO21"],
        };
        Assert.Empty(EdgeOptionsValidator.Check(options));
        return options;
    }

    /// <summary>Lets the loop scan for <paramref name="duration"/>, one beat at a time, each awaited.</summary>
    private async Task ScanForAsync(TimeSpan duration)
    {
        for (var t = TimeSpan.Zero; t < duration; t += _loop.Interval)
        {
            var next = _loop.Scans + 1;
            _time.Advance(_loop.Interval);
            await _scans.WaitForAsync(n => n >= next, Timeout);
        }
    }

    /// <summary>Types keys at a person's pace: each held 80 ms, then 80 ms with no key.</summary>
    private async Task TypeAsync(string keys)
    {
        foreach (var key in keys)
        {
            _pad.Press(key);
            await ScanForAsync(TimeSpan.FromMilliseconds(80));
            _pad.Release(key);
            await ScanForAsync(TimeSpan.FromMilliseconds(80));
        }
    }

    private AccessEvent? Decision() => _events.OfType<AccessEvent>().SingleOrDefault();

    private bool StrikeEnergised()
    {
        lock (_strike)
            return _strike.Any(c => c.Active);
    }

    [Fact]
    public async Task A_pin_typed_on_the_matrix_is_granted_and_energises_the_strike()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        await TypeAsync("4711#");

        var decision = Decision();
        Assert.NotNull(decision);
        Assert.Equal((true, "Ada Lovelace"), (decision.Decision.Granted, decision.Decision.Holder));
        Assert.True(StrikeEnergised());
        Assert.Empty(_events.OfType<FrameRejectedEvent>());
    }

    [Fact]
    public async Task A_wrong_pin_is_denied_and_the_strike_stays_at_rest()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        await TypeAsync("4712#");

        Assert.Equal((false, DenialReason.WrongPin), (Decision()!.Decision.Granted, Decision()!.Decision.Reason));
        Assert.False(StrikeEnergised());
    }

    [Fact]
    public async Task Two_keys_held_give_no_key_and_a_diagnostic_and_the_pin_typed_after_still_opens()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        _pad.Press('1');
        _pad.Press('9');
        await ScanForAsync(TimeSpan.FromMilliseconds(200));
        _pad.Release('9');
        await ScanForAsync(TimeSpan.FromMilliseconds(200));
        _pad.Release('1');
        await ScanForAsync(TimeSpan.FromMilliseconds(80));

        var rejected = Assert.Single(_events.OfType<FrameRejectedEvent>());
        Assert.StartsWith("2 keys read closed at once", rejected.Problem);
        Assert.DoesNotContain("1", rejected.Problem);
        Assert.Null(Decision());
        Assert.Empty(_events.OfType<PinEntryEvent>());

        await TypeAsync("4711#");
        Assert.True(Decision()!.Decision.Granted);
    }

    [Fact]
    public async Task Three_keys_on_a_pad_without_diodes_ghost_a_fourth_and_are_refused_whole()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        _pad.Press('4');
        _pad.Press('7');
        _pad.Press('8');
        await ScanForAsync(TimeSpan.FromMilliseconds(100));
        _pad.ReleaseAll();
        await ScanForAsync(TimeSpan.FromMilliseconds(80));

        var rejected = Assert.Single(_events.OfType<FrameRejectedEvent>());
        Assert.StartsWith("4 keys read closed at once", rejected.Problem);
        Assert.Contains("ghost", rejected.Problem);
    }

    [Fact]
    public async Task A_held_key_is_one_digit_and_bouncing_contacts_make_one_press()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        _pad.Press('4');
        await ScanForAsync(TimeSpan.FromSeconds(3));
        _pad.Release('4');
        await ScanForAsync(TimeSpan.FromMilliseconds(80));
        for (var bounce = 0; bounce < 3; bounce++)
        {
            _pad.Press('7');
            await ScanForAsync(TimeSpan.FromMilliseconds(10));
            _pad.Release('7');
            await ScanForAsync(TimeSpan.FromMilliseconds(10));
        }
        _pad.Press('7');
        await ScanForAsync(TimeSpan.FromMilliseconds(80));
        _pad.Release('7');
        await ScanForAsync(TimeSpan.FromMilliseconds(80));
        await TypeAsync("11#");

        Assert.True(Decision()!.Decision.Granted);
    }

    [Fact]
    public async Task A_stuck_key_is_reported_and_opens_nothing()
    {
        await ScanForAsync(TimeSpan.FromMilliseconds(50));
        _pad.Press('#');
        await ScanForAsync(TimeSpan.FromSeconds(11));

        Assert.Contains("key # closed for 10 s", Assert.Single(_events.OfType<FrameRejectedEvent>()).Problem);
        Assert.Null(Decision());
        Assert.False(StrikeEnergised());
    }

    public void Dispose()
    {
        _loop.Dispose();
        _pad.Dispose();
        _assembly.Dispose();
        _chip.Dispose();
    }
}
