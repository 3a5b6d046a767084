using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Simulated;

/// <summary>Held simulated outputs.</summary>
internal sealed class SimulatedOutputRequest(SimulatedGpioChip chip, LineOffset[] offsets) : HeldOutputs(offsets)
{
    protected override void Set(LineOffset offset, bool active) => chip.SetOutput(offset, active);

    protected override bool Get(LineOffset offset) => chip.GetLogical(offset);

    protected override void Release() => chip.Release(offsets, null);
}
