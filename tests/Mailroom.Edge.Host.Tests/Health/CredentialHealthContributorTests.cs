using System.Text.Json;
using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Host.Health;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Health;

public class CredentialHealthContributorTests
{
    private sealed class FixedList(CredentialListStatus status) : ICredentialListInfo
    {
        public CredentialListStatus Status => status;
    }

    [Fact]
    public void Health_carries_the_live_lists_version_count_hash_and_duplicate_pins()
    {
        var list = new FixedList(new CredentialListStatus(12, 3400, new string('a', 64), null) { DuplicatePins = 2 });

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            new CredentialHealthContributor(list).WriteHealth(json);
            json.WriteEndObject();
        }
        using var health = JsonDocument.Parse(stream.ToArray());
        var credentials = health.RootElement.GetProperty("credentials");

        Assert.Equal((12, 3400, 2), (credentials.GetProperty("version").GetInt64(), credentials.GetProperty("count").GetInt64(), credentials.GetProperty("duplicate_pins").GetInt64()));
        Assert.Equal(new string('a', 64), credentials.GetProperty("hash").GetString());
    }
}
