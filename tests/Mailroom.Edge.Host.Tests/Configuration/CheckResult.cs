namespace Mailroom.Edge.Host.Tests.Configuration;

/// <summary>What <c>config check</c> returned and printed.</summary>
internal sealed record CheckResult(int ExitCode, string Stdout, string Stderr);
