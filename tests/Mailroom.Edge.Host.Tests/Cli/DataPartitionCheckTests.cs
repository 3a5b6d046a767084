using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary>Issue 16, part 2: <c>config check</c> says when the data partition is too small for the outbox's bounds.</summary>
public sealed class DataPartitionCheckTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void A_partition_smaller_than_the_outbox_bounds_is_warned_of()
    {
        using var disk = new SmallTmpfs("8m");
        var config = _folder.File("mailroom-edge.json");
        File.WriteAllText(config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{disk.Path}}/data", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, ConfigVerb.Check(config, [], output, error));

        Assert.Contains($"warning: DataDirectory {disk.Path}/data is on a partition of 8 MiB; Outbox:MaxBytes (256 MiB)", output.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
