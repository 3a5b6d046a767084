namespace Mailroom.Edge.Core.Commands;

/// <summary>The <c>args</c> of commands that take none (<c>diagnostics</c>, <c>config</c>): an empty object.</summary>
public sealed record EmptyArguments : CommandArguments
{
    public static readonly EmptyArguments Instance = new();
}
