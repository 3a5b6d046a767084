namespace Mailroom.Edge.Core.Commands;

/// <summary><c>credentials</c>: <see cref="Action"/> is <c>sync</c> (fetch the credential list now).</summary>
public sealed record CredentialsArguments(string Action) : CommandArguments
{
    public static readonly IReadOnlyList<string> Actions = ["sync"];
}
