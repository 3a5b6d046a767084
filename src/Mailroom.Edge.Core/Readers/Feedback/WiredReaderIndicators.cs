using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>A Wiegand reader's LED and beeper wires, driven through the output lines requested for them.</summary>
public sealed class WiredReaderIndicators(IOutputLineRequest outputs, ReaderFeedbackLines lines) : IReaderIndicators
{
    public void Show(LedColor led, bool beep)
    {
        if (lines.Green is { } green)
            outputs.SetValue(green, led == LedColor.Green);
        if (lines.Red is { } red)
            outputs.SetValue(red, led == LedColor.Red);
        if (lines.Beeper is { } beeper)
            outputs.SetValue(beeper, beep);
    }
}
