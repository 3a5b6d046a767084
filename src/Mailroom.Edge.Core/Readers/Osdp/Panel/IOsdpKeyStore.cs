namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>Where the readers' Secure Channel base keys live (a file only the service user can read): never the
/// configuration, a log, an event or a command's answer.</summary>
public interface IOsdpKeyStore
{
    /// <summary>The 16-byte SCBK stored under <paramref name="name"/>, or null when there is none yet.</summary>
    byte[]? Find(string name);

    /// <summary>Stores a key durably before it is given to a reader, so a reader is never keyed with a key the panel
    /// could lose.</summary>
    void Save(string name, ReadOnlySpan<byte> key);
}
