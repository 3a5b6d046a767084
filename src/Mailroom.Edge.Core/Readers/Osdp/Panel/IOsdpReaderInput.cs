namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>Where an online reader's presentations go (its door's access point). Called on the bus's poll loop.</summary>
public interface IOsdpReaderInput
{
    void CardRead(OsdpCardRead read);

    /// <summary>Keys as the reader sent them: digits, <c>*</c> and <c>#</c>.</summary>
    void KeysPressed(string keys);
}
