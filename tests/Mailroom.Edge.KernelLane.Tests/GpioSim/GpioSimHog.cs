namespace Mailroom.Edge.KernelLane.Tests.GpioSim;

/// <summary>
/// A line the kernel itself holds (a gpio-sim hog) under <see cref="Consumer"/>, as a device-tree overlay or driver
/// would on a Pi. <see cref="Direction"/> is <c>input</c>, <c>output-high</c> or <c>output-low</c>.
/// </summary>
public sealed record GpioSimHog(int Offset, string Consumer, string Direction = "input");
