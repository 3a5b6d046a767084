using Mailroom.Edge.Core.Access;
using Mailroom.Edge.Core.Readers.Keypad;
using Mailroom.Edge.Core.Readers.Osdp;
using Mailroom.Edge.Core.Readers.Osdp.Panel;
using Mailroom.Edge.Core.Readers.Wiegand;

namespace Mailroom.Edge.Host.Doors;

/// <summary>
/// An OSDP reader's card reads and keys, handed to its door's <see cref="AccessPoint"/> exactly as a Wiegand reader's
/// are: a RAW read is the same bit string and goes through the same card formats; keys go to the same PIN entry.
/// The access point is attached once built (it needs the reader's feedback, which needs the reader's session, which
/// needs this).
/// </summary>
internal sealed class OsdpPresentations : IOsdpReaderInput
{
    public AccessPoint? AccessPoint { get; set; }

    public void CardRead(OsdpCardRead read) =>
        AccessPoint?.Decide(WiegandFrame.Whole(read.Bits));

    public void KeysPressed(string keys) => AccessPoint?.DecideKeys(KeypadDecoder.ParseKeys(keys));
}
