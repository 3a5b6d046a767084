using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Core.Events;
using Xunit;

namespace Mailroom.Edge.Core.Tests.Doors;

/// <summary>
/// Random scripts (seeded, so a failure replays) against invariants that hold whatever the inputs: the strike is
/// released only for a reason, never by a hold or an earlier unlock in a locked mode, and the state events chain.
/// </summary>
public sealed class DoorControllerPropertyTests
{
    private const int Runs = 500;
    private const int StepsPerRun = 40;

    [Fact]
    public void Random_scripts_keep_the_invariants()
    {
        for (var seed = 1; seed <= Runs; seed++)
        {
            var random = new Random(seed);
            var (name, settings) = DoorScripts.Settings(random);
            var steps = DoorScripts.Steps(random, StepsPerRun);
            using var rig = new DoorRig(settings, energiseToUnlock: seed % 2 == 0);
            var oracle = new StrikeOracle(rig, settings);
            for (var i = 0; i < steps.Count; i++)
            {
                var problem = oracle.Step(i, steps[i]);
                Assert.True(problem is null,
                    $"seed {seed} ({name}, energise to unlock: {seed % 2 == 0}), after step {i + 1}: {problem}\n" +
                    $"script: {string.Join("; ", steps.Take(i + 1))}\n" +
                    $"events: {string.Join(' ', rig.Types)}");
            }
        }
    }
}
