namespace Mailroom.Edge.Host.Composition;

/// <summary>This process start's number (1 on the first start ever), as published in <c>status</c>.</summary>
public sealed record BootInfo(long Boot);
