namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>Where the panel stands with one reader; published in health as <c>sc_state</c>.</summary>
public enum OsdpReaderState
{
    /// <summary>Not heard from yet, or stopped answering.</summary>
    Offline,

    /// <summary>Answering; identity and capabilities being read.</summary>
    Identifying,

    /// <summary>Starting a Secure Channel session.</summary>
    Handshaking,

    /// <summary>Polled: in a Secure Channel session (or in plaintext when configured <c>Security: None</c>).</summary>
    Online,

    /// <summary>Answering, but its cryptogram shows it holds another key; retried, never re-keyed automatically.</summary>
    KeyMismatch,

    /// <summary>Answering, but there is no key for it yet and install mode is off.</summary>
    AwaitingInstall,

    /// <summary>Answering, but it refused the Secure Channel session.</summary>
    Refused,
}
