using Mailroom.Edge.Host.Configuration;
using Mailroom.Edge.Testing;
using Xunit;

namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>Configurations are loaded on several threads at once (tests in parallel; the agent and a verb in one
/// process): the shape check's reflection state must not be shared between them.</summary>
public sealed class ConfigurationShapeConcurrencyTests
{
    [Fact]
    public void Loading_configurations_on_many_threads_at_once_never_fails()
    {
        var file = ShippedBrokerSite.RepositoryFile("config/pin-only-door.json");
        var failures = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            try
            {
                EdgeConfiguration.Load(EdgeConfiguration.Build(file, []));
            }
            catch (ArgumentException)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }
}
