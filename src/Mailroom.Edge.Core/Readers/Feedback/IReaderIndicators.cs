namespace Mailroom.Edge.Core.Readers.Feedback;

/// <summary>
/// What a feedback pattern drives on a reader: its LED colour and its beeper. A Wiegand reader's are wires
/// (<see cref="WiredReaderIndicators"/>); an OSDP reader's are LED and BUZ commands on its bus.
/// </summary>
public interface IReaderIndicators
{
    void Show(LedColor led, bool beep);
}
