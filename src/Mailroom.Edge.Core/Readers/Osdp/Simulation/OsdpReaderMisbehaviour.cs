namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// Faults a simulated reader can show, so the panel's handling of each is tested: a cut bus, lost or corrupted replies,
/// a reader (or something pretending to be one) that cannot compute the MAC, claims not to support Secure Channel,
/// answers under another address, or answers after the panel gave up. Several may be set at once.
/// </summary>
public sealed record OsdpReaderMisbehaviour
{
    public static OsdpReaderMisbehaviour None { get; } = new();

    /// <summary>It hears nothing and says nothing, as on a cut bus: its state does not move either.</summary>
    public bool Silent { get; init; }

    /// <summary>Every Nth reply (counting from its first) is lost after the reader acted on the command; 0 for none.
    /// The panel's repeat of that command then gets the cached reply, as the specification wants.</summary>
    public int DropEveryNthReply { get; init; }

    /// <summary>Replies leave with a wrong CRC (the last byte flipped).</summary>
    public bool CorruptReplyCheck { get; init; }

    /// <summary>Secure Channel replies carry a MAC that does not verify (the CRC is still right).</summary>
    public bool WrongReplyMac { get; init; }

    /// <summary>PDCAP claims no Secure Channel (function 9 compliance 0): a downgrade the panel must not accept from a
    /// reader it holds a key for. The reader still does Secure Channel if asked.</summary>
    public bool DowngradedCapabilities { get; init; }

    /// <summary>Replies carry this address instead of its own.</summary>
    public byte? AnswerAsAddress { get; init; }

    /// <summary>Replies come after the panel's reply timeout (see <see cref="InMemoryOsdpLink"/> and
    /// <see cref="OsdpSimulatorPump"/> for when exactly).</summary>
    public bool LateReplies { get; init; }
}
