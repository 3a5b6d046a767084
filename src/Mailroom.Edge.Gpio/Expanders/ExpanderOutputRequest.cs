using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Gpio.Expanders;

/// <summary>Held expander outputs; disposing sets them to their safe level before freeing them.</summary>
internal sealed class ExpanderOutputRequest(ExpanderChip chip, IReadOnlyList<OutputLineSettings> lines)
    : HeldOutputs([.. lines.Select(l => l.Offset)])
{
    protected override void Set(LineOffset offset, bool active) => chip.SetOutput(offset, active);

    protected override bool Get(LineOffset offset) => chip.GetOutput(offset);

    protected override void Release() => chip.ReleaseOutputs(lines);
}
