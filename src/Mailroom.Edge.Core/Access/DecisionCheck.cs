namespace Mailroom.Edge.Core.Access;

/// <summary>One step of a decision's trace: which check ran and whether it passed.</summary>
public sealed record DecisionCheck(string Name, bool Passed, string? Detail = null);
