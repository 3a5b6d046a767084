namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>
/// What answers on a bus: ID (and then CAP) sent in plaintext on sequence 0, to the broadcast address (a bus with one
/// reader, or the first to answer) or to each address in turn. For <c>osdp scan</c>, with the agent stopped: sequence 0
/// resets a reader's link, Secure Channel session included. Nothing secret is sent or learnt: identity and capabilities
/// are what a reader tells anyone.
/// </summary>
public sealed class OsdpScanner(IOsdpLink link, TimeProvider time, TimeSpan? replyTimeout = null)
{
    private readonly OsdpExchange _exchange = new(link, time);
    private readonly TimeSpan _replyTimeout = replyTimeout ?? OsdpTiming.Default.ReplyTimeout;

    /// <summary>The reader answering at <paramref name="address"/> (127: whoever answers the broadcast), or null.</summary>
    public OsdpScanResult? Probe(byte address)
    {
        var id = Ask(address, 0, 0x61);
        if (id is not { Code: 0x45 })
            return null;
        var identity = OsdpDeviceIdentity.Parse(id.Data, out _);
        var caps = Ask(id.Address, 1, 0x62);
        return new OsdpScanResult(id.Address, identity, caps is { Code: 0x46 } ? OsdpCapabilities.Parse(caps.Data, out _) : null);
    }

    private OsdpFrame? Ask(byte address, byte sequence, byte code)
    {
        var packet = OsdpFrameCodec.Encode(new OsdpFrame(address, false, sequence, true, code, [0x00]));
        return _exchange.Send(packet, _replyTimeout, frame => address == OsdpFrame.Broadcast || frame.Address == address);
    }
}

/// <summary>A reader found by <see cref="OsdpScanner"/>: its address, and what it says it is and can do.</summary>
public sealed record OsdpScanResult(byte Address, OsdpDeviceIdentity? Identity, OsdpCapabilities? Capabilities);
