using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Hardware;
using Mailroom.Edge.Core.Schedules;
using Mailroom.Edge.Gpio.Simulated;
using Mailroom.Edge.Host.Doors;
using Mailroom.Edge.Host.Health;
using Mailroom.Edge.Host.Services;
using Mailroom.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Keypads;

/// <summary>The agent's hosted service for matrix keypads: scanning starts with the host, each keypad has a watchdog
/// heartbeat, and stopping releases the keypad's lines.</summary>
public sealed class MatrixKeypadServiceTests
{
    [Fact]
    public async Task Starting_scans_every_keypad_with_a_heartbeat_and_stopping_releases_its_lines()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        using var chip = new SimulatedGpioChip(time);
        var credentials = new InMemoryCredentials();
        using var assembly = new DoorAssembly(chip, MatrixKeypadEndToEndTests.PinOnlyDoorWithMatrix(),
            new AccessSources(credentials, credentials, new FixedClockStatus(true)), new EventList(), time);
        var heartbeats = new LoopHeartbeats(time);
        var service = new MatrixKeypadService(assembly, time, heartbeats, NullLogger<MatrixKeypadService>.Instance);
        var reader = Assert.Single(assembly.Readers);

        Assert.Equal("keypad post-in", Assert.Single(heartbeats.Loops).Name);
        Assert.False(heartbeats.AllReady);
        await service.StartAsync(default);
        Assert.True(heartbeats.AllReady);
        Assert.Throws<InvalidOperationException>(() => reader.Matrix!.ScanOnce(reader, NullLogger.Instance));
        await service.StopAsync(default);

        chip.RequestOutputs("again", [.. reader.Settings.Rows.Select(r => new OutputLineSettings(chip.ResolveLine(r)))]).Dispose();
    }
}
