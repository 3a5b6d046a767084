namespace Mailroom.Edge.Core.Commands;

/// <summary><c>osdp-install</c>: opens <see cref="Reader"/>'s install window; <see cref="Duration"/> null means the
/// default window (10 minutes).</summary>
public sealed record OsdpInstallArguments(string Reader, TimeSpan? Duration) : CommandArguments;
