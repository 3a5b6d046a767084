using Mailroom.Edge.Testing.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Mailroom.Edge.Core.Tests.TestEnvironment;

/// <summary>The check the agent harness and the video tests run at the end of a test, on loggers of these tests' own.</summary>
public sealed class LoggedErrorsTests
{
    [Fact]
    public void An_error_nobody_expected_fails_the_check_and_names_the_entry()
    {
        var errors = new LoggedErrors();
        var logger = errors.CreateLogger<LoggedErrorsTests>();

        logger.LogWarning("only a warning");
        logger.LogError(new IOException("disk gone"), "Writing {File} failed", "outbox.db");

        var entry = Assert.Single(errors.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        var failure = Assert.Throws<InvalidOperationException>(errors.ThrowIfUnexpected);
        Assert.Contains("Writing outbox.db failed (IOException: disk gone)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expected_error_passes_and_an_expectation_does_not_demand_one()
    {
        var errors = new LoggedErrors().Expect("disk gone").Expect("never logged");

        errors.CreateLogger("outbox").LogCritical(new IOException("disk gone"), "Writing failed");

        Assert.Empty(errors.Unexpected());
        errors.ThrowIfUnexpected();
    }
}
