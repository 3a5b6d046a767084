namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>
/// The serial line one OSDP bus runs on, as the panel's poll loop uses it: RS-485 is half duplex, so the panel writes a
/// command, then listens for the reply. Used by one thread at a time (the port's poll loop).
/// </summary>
public interface IOsdpLink : IDisposable
{
    /// <summary>The device path (<c>/dev/ttyUSB0</c>) or a name for an in-memory link.</summary>
    string Port { get; }

    /// <summary>Bits per second on the wire (8N1: ten bit times per byte).</summary>
    int Baud { get; }

    /// <summary>Writes every byte; returns when the kernel has taken them (not necessarily when they are on the wire).</summary>
    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>Waits up to <paramref name="timeout"/> for bytes and returns how many were read into
    /// <paramref name="buffer"/>; 0 when none arrived in time.</summary>
    int Read(Span<byte> buffer, TimeSpan timeout);

    /// <summary>Drops bytes received and not yet read (a late reply to a command the loop has given up on).</summary>
    void DiscardInput();
}
