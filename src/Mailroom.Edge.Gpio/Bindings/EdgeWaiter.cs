using System.Device.Gpio;

namespace Mailroom.Edge.Gpio.Bindings;

/// <summary>One caller of <c>WaitForEvent</c>, waiting for the next edge of <see cref="Types"/> on a pin.</summary>
internal sealed class EdgeWaiter(PinEventTypes types)
{
    public PinEventTypes Types { get; } = types;

    // Continuations run elsewhere: completing a waiter must not run its caller's code on the pin's edge thread.
    public TaskCompletionSource<PinEventTypes> Edge { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
