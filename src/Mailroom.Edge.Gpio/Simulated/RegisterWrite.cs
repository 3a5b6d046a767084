namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>One register write a simulated expander received, in arrival order (<see cref="Register"/> is -1 for a
/// chip without registers, the PCF8574).</summary>
public readonly record struct RegisterWrite(int Register, byte Value);
