using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Wiegand;

/// <summary>
/// How a Wiegand reader's data lines are requested: pulled up (they idle high and a reader pulls one low for each bit),
/// falling edge only, so each event is one pulse start. For a single-edge request gpiolib-cdev takes the event's id
/// from the request and its timestamp and seqno from the hard interrupt at the pulse start, so a line's interrupt thread
/// may run up to almost a bit period (1–2 ms) late and lose nothing; with both edges, a thread that ran after a 20–100 µs
/// pulse had ended merged the pulse's two edges into one event.
/// </summary>
public static class WiegandLines
{
    public static IInputLineRequest Request(IGpioChip chip, string consumer, LineOffset d0, LineOffset d1, int eventBufferSize) =>
        chip.RequestInputs(consumer, [
            new InputLineSettings(d0, LineBias.PullUp, Edges: EdgeDetection.Falling),
            new InputLineSettings(d1, LineBias.PullUp, Edges: EdgeDetection.Falling),
        ], eventBufferSize);
}
