namespace Mailroom.Edge.Core.Commands;

/// <summary><c>lockdown</c>: <see cref="Active"/> true locks every door of the device against cards; false lifts it.</summary>
public sealed record LockdownArguments(bool Active) : CommandArguments;
