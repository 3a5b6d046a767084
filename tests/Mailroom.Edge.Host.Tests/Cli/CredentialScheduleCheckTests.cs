using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Cli;
using Mailroom.Edge.Host.Composition;
using Mailroom.Edge.Storage.Credentials;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Cli;

/// <summary><c>config check</c> warns of credentials in the live list limited to a schedule the device does not have
/// (they are never admitted), and is quiet once the schedule is configured.</summary>
public sealed class CredentialScheduleCheckTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_credential_schedule_that_is_not_configured_is_warned_of(bool configured, bool warned)
    {
        var data = _folder.File("data");
        Directory.CreateDirectory(data);
        using (var store = new SqliteCredentialStore(Path.Combine(data, EdgeServices.CredentialsFile)))
        {
            var courier = new EnrolledCredential("H10301", 42, 1, "Courier", true, null, null) { Category = "delivery", Schedule = "delivery-window" };
            store.ReplaceAll([courier, courier with { Number = 2 }, courier with { Number = 3, Schedule = null }]);
        }
        var schedules = configured
            ? """, "Schedules": { "delivery-window": { "TimeZone": "UTC", "Windows": [ { "Days": [ "Weekdays" ], "From": "08:00", "To": "11:00" } ] } }"""
            : "";
        var config = _folder.File("mailroom-edge.json");
        File.WriteAllText(config, $$"""
            { "Site": "hq", "Device": "d1", "DataDirectory": "{{data}}", "Gpio": { "Chip": "simulated" },
              "Doors": { "front": { "Strike": { "Line": "GPIO17" } } },
              "Readers": { "front-in": { "Door": "front", "D0": "GPIO23", "D1": "GPIO24" } } {{schedules}} }
            """);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, ConfigVerb.Check(config, [], output, error));

        const string Warning = "warning: 2 credential(s) of the list are limited to schedule 'delivery-window', which is not configured (Schedules:delivery-window); they are denied outside_schedule";
        Assert.Equal(warned, output.ToString().Contains(Warning, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
