using System.Globalization;
using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Testing;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>
/// One door on virtual time, driven by a tiny step language so transition tables read like the installer's manual:
/// <c>grant</c>, <c>grant+</c> (extended), <c>rex</c>, <c>open</c>, <c>close</c>, <c>tamper</c>, <c>untamper</c>,
/// <c>wait N</c> (seconds), <c>unlock N</c> (a command unlock for N seconds), <c>cmd:Mode</c> / <c>cmd:none</c>,
/// <c>sched:Mode</c>, <c>sched:Mode!first</c>, <c>sched:none</c>, <c>lockdown</c>, <c>unlockdown</c>.
/// </summary>
internal sealed class DoorRig : IDisposable
{
    public static readonly LineOffset StrikeLine = new(17);

    public DoorRig(DoorSettings? settings = null, bool energiseToUnlock = true)
    {
        EnergiseToUnlock = energiseToUnlock;
        Strike = new DoorStrike(Output, StrikeLine, energiseToUnlock);
        Door = new DoorController(new DoorId("front"), settings ?? new DoorSettings(), Strike, Time, Events);
        Door.Annunciate += (_, on) => Beeps.Add(on);
        Door.PublishInitialState();
        Events.Clear();
    }

    public ManualTimeProvider Time { get; } = new();

    public RecordingOutput Output { get; } = new();

    public DoorStrike Strike { get; }

    public DoorController Door { get; }

    public EventList Events { get; } = [];

    public List<bool> Beeps { get; } = [];

    public bool EnergiseToUnlock { get; }

    public bool Energised => Output.GetValue(StrikeLine);

    public IEnumerable<string> Types => Events.Select(e => e.Type);

    public void Run(string script)
    {
        foreach (var raw in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Step(raw);
    }

    public void Step(string step)
    {
        var parts = step.Split(' ', 2);
        switch (parts[0])
        {
            case "grant": Door.Grant(); break;
            case "grant+": Door.Grant(extended: true); break;
            case "rex": Door.RequestExit(); break;
            case "open": Door.DoorPositionChanged(true); break;
            case "close": Door.DoorPositionChanged(false); break;
            case "tamper": Door.TamperChanged(true, "reader"); break;
            case "untamper": Door.TamperChanged(false, "reader"); break;
            case "lockdown": Door.SetLockdown(true, "command", "test"); break;
            case "unlockdown": Door.SetLockdown(false, "command", "test"); break;
            case "wait": Time.Advance(Seconds(parts[1])); break;
            case "unlock": Door.CommandUnlock(Seconds(parts[1])); break;
            default:
                var (verb, arg) = (step[..step.IndexOf(':', StringComparison.Ordinal)], step[(step.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                var firstCard = arg.EndsWith("!first", StringComparison.Ordinal);
                arg = arg.Replace("!first", "", StringComparison.Ordinal);
                DoorMode? mode = arg == "none" ? null : Enum.Parse<DoorMode>(arg);
                if (verb == "cmd")
                    Door.SetCommandMode(mode);
                else if (verb == "sched")
                    Door.SetScheduledMode(mode, firstCard);
                else
                    throw new ArgumentException($"unknown step '{step}'");
                break;
        }
    }

    private static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));

    public void Dispose()
    {
        Door.Dispose();
        Strike.Dispose();
    }
}
