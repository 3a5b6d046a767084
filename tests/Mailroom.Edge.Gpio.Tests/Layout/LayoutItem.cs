namespace Mailroom.Edge.Gpio.Tests.Layout;

/// <summary>One fact about the native ABI: a C expression and the value the managed definitions give it.</summary>
public sealed record LayoutItem(string CExpression, ulong Managed);
