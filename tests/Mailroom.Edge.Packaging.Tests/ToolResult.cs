namespace Mailroom.Edge.Packaging.Tests;

/// <summary>What a program printed and how it ended.</summary>
internal sealed record ToolResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Fails the test with everything the program said when it did not succeed.</summary>
    public ToolResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"{CommandLine} exited with {ExitCode}{Environment.NewLine}{Stdout}{Environment.NewLine}{Stderr}");
        return this;
    }
}
