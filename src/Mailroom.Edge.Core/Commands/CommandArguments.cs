namespace Mailroom.Edge.Core.Commands;

/// <summary>The validated <c>args</c> object of a command; one record type per command name.</summary>
public abstract record CommandArguments;
