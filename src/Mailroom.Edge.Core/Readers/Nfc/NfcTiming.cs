namespace Mailroom.Edge.Core.Readers.Nfc;

/// <summary>How an NFC reader's loop paces itself.</summary>
/// <param name="PollInterval">Between two looks for a card. A card is presented to a reader for ~0.3–1 s, so 100 ms
/// answers within a tenth of a second and costs the bus ~10 short exchanges a second.</param>
/// <param name="AbsentPolls">Empty polls in a row before a card counts as gone: a card resting on the reader is one
/// presentation, and a card that was selected answers only every other request (ISO/IEC 14443-3 returns it to IDLE on
/// the next REQA), so a single empty poll is not a removal.</param>
/// <param name="OfflineAfter">Failed polls in a row (the chip itself failing, not "no card") before
/// <c>alarm.reader_offline</c>.</param>
/// <param name="Reopen">How long an offline chip rests before it is opened (reset) again.</param>
public sealed record NfcTiming(TimeSpan PollInterval, int AbsentPolls, int OfflineAfter, TimeSpan Reopen)
{
    public static NfcTiming Default { get; } = new(TimeSpan.FromMilliseconds(100), 2, 3, TimeSpan.FromSeconds(2));
}
