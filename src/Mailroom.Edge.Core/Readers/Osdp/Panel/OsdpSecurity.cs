namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>How the panel talks to one reader. Secure Channel is the default; plaintext must be asked for by name.</summary>
public enum OsdpSecurity
{
    /// <summary>AES-128 Secure Channel, no fallback: the reader is never polled or believed in plaintext.</summary>
    SecureChannel,

    /// <summary>Plaintext OSDP (a reader that cannot do Secure Channel). <c>config check</c> warns about it.</summary>
    None,
}
