using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>Random scripts in the <see cref="DoorRig"/> step language, and the door settings they run against.</summary>
internal static class DoorScripts
{
    // Waits include the defaults' edges (grant 5 s, extended 15 s, pre-alarm 20 s, alarm 30 s, shunt 10 s, minimum
    // pulse 0.5 s, exit ignore 2 s) so that steps land on them exactly as well as either side.
    private static readonly string[] Waits = ["0.1", "0.3", "0.5", "1", "2", "4.9", "5", "10", "15", "20", "30", "40"];

    private static readonly string[] Others =
    [
        "grant", "grant", "grant+", "rex", "rex", "tamper", "untamper", "unlock 3", "unlock 0.2",
        "cmd:Unlocked", "cmd:Locked", "cmd:CardOnly", "cmd:none", "cmd:none",
        "sched:Unlocked", "sched:Unlocked!first", "sched:Locked", "sched:CardOnly", "sched:none",
        "lockdown", "unlockdown",
    ];

    /// <summary>The settings a seeded run uses: the defaults, or one of them changed.</summary>
    public static (string Name, DoorSettings Settings) Settings(Random random) => random.Next(8) switch
    {
        0 => ("relock on grant time", new DoorSettings { RelockOn = RelockTrigger.GrantTime }),
        1 => ("relock on door close", new DoorSettings { RelockOn = RelockTrigger.DoorClose }),
        2 => ("shunt-only exits", new DoorSettings { ExitAction = ExitAction.ShuntOnly }),
        3 => ("no position switch", new DoorSettings { HasPositionSwitch = false }),
        4 => ("no pre-alarm, short grant", new DoorSettings { HeldOpenWarning = null, GrantTime = TimeSpan.FromMilliseconds(200) }),
        5 => ("configured locked", new DoorSettings { Mode = DoorMode.Locked, RelockOn = RelockTrigger.DoorClose }),
        _ => ("defaults", new DoorSettings()),
    };

    public static List<string> Steps(Random random, int count)
    {
        var steps = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            steps.Add(random.Next(10) switch
            {
                < 3 => "wait " + Waits[random.Next(Waits.Length)],
                < 5 => random.Next(2) == 0 ? "open" : "close",
                _ => Others[random.Next(Others.Length)],
            });
        }
        return steps;
    }
}
