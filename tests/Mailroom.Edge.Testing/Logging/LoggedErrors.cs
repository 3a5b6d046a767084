using Microsoft.Extensions.Logging;

namespace Mailroom.Edge.Testing.Logging;

/// <summary>
/// Records every entry logged at <see cref="LogLevel.Error"/> or above, so a test fails on an error it did not expect
/// (DESIGN.md §5, the MQTTnet habit): an error in the log is a fault someone has to look at, and a test that lets one
/// pass unnoticed hides it.
/// </summary>
/// <remarks>
/// The rule: whatever builds the code under test with loggers (the agent harness, a test's own services) gives it
/// these, and checks <see cref="ThrowIfUnexpected"/> at the end of the test (the harness does so when disposed). A
/// test that provokes an error on purpose (a full disk, a hostile command, a broken camera) declares it with
/// <see cref="Expect"/>, with a comment saying why it is expected. An expectation allows the error; it does not
/// demand it. Serves as an <see cref="ILoggerProvider"/> (added to a host's services) or as the
/// <see cref="ILoggerFactory"/> itself (handed to a constructor).
/// </remarks>
public sealed class LoggedErrors : ILoggerProvider, ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly List<LoggedError> _entries = [];
    private readonly List<string> _expected = [];

    public IReadOnlyList<LoggedError> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Declares that errors whose text (category, message, exception type and message) contains
    /// <paramref name="substring"/> are expected by the test.</summary>
    public LoggedErrors Expect(string substring)
    {
        lock (_gate)
        {
            _expected.Add(substring);
        }
        return this;
    }

    /// <summary>The errors logged so far that no expectation covers.</summary>
    public IReadOnlyList<LoggedError> Unexpected()
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => !_expected.Any(x => e.ToString().Contains(x, StringComparison.Ordinal)))];
        }
    }

    public void ThrowIfUnexpected()
    {
        var unexpected = Unexpected();
        if (unexpected.Count == 0)
            return;
        var lines = string.Join(Environment.NewLine, unexpected.Select(e => "  " + e + (e.Exception is null ? "" : Environment.NewLine + e.Exception)));
        throw new InvalidOperationException(
            $"{unexpected.Count} error(s) were logged that the test did not expect (declare a deliberate one with Expect):{Environment.NewLine}{lines}");
    }

    public ILogger CreateLogger(string categoryName) => new ErrorRecordingLogger(this, categoryName);

    /// <summary>Not supported: these errors are the only sink a test needs.</summary>
    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("LoggedErrors is its own only provider");

    public void Dispose()
    {
        // Nothing to release; the entries stay readable after the host that logged them is gone.
    }

    internal void Add(LoggedError entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }
}
