using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>An output line changed: its logical value (active = energised), its physical level, and when (chip clock).</summary>
public readonly record struct OutputChange(LineOffset Offset, bool Active, bool PhysicalHigh, long TimestampNs);
