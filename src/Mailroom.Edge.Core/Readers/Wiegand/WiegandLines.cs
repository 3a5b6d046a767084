using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>How a Wiegand reader's data lines are requested: pulled up (the lines idle high and a reader pulls them low
/// for each bit) with both edges timestamped, so the assembler can measure pulse widths as well as intervals.</summary>
public static class WiegandLines
{
    public static IInputLineRequest Request(IGpioChip chip, string consumer, LineOffset d0, LineOffset d1, int eventBufferSize) =>
        chip.RequestInputs(consumer, [
            new InputLineSettings(d0, LineBias.PullUp, Edges: EdgeDetection.Both),
            new InputLineSettings(d1, LineBias.PullUp, Edges: EdgeDetection.Both),
        ], eventBufferSize);
}
