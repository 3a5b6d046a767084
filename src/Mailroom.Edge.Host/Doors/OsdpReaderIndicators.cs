using Mailroom.Edge.Core.Readers.Feedback;
using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Host.Doors;

/// <summary>An OSDP reader's LED and buzzer: each change of a feedback pattern becomes LED and BUZ commands, sent in
/// the reader's next poll slot (sooner than a round when the bus is idle).</summary>
internal sealed class OsdpReaderIndicators(OsdpReaderSession session) : IReaderIndicators
{
    public void Show(LedColor led, bool beep) => session.Show(led, beep);
}
