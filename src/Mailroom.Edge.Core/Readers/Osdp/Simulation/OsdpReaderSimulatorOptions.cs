using System.Security.Cryptography;

namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>
/// How a simulated reader is set up. The defaults are the reader of the captures in the tests' Vectors/golden (the
/// same identity, capabilities and cUID), so a simulator built with them answers ID and CAP as that reader did.
/// </summary>
public sealed record OsdpReaderSimulatorOptions
{
    /// <summary>Its address on the bus, 0–126 (127 is the broadcast address, which it answers too).</summary>
    public byte Address { get; init; }

    public OsdpDeviceIdentity Identity { get; init; } = new("0C0B0A", 153, 1, 0x01020304, "1.2.3");

    /// <summary>What PDCAP claims. The default claims Secure Channel (function 9, compliance 1); a reader whose
    /// capabilities do not refuses the handshake with NAK 5, as libosdp's reader does.</summary>
    public OsdpCapabilities Capabilities { get; init; } = new(
    [
        new(2, 1, 1), new(3, 1, 0), new(4, 1, 1), new(5, 1, 1), new(6, 1, 1), new(8, 1, 0),
        new(OsdpCapabilities.CommunicationSecurity, 1, 0), new(OsdpCapabilities.ReceiveBufferSize, 0, 1), new(13, 0, 1), new(16, 2, 0),
    ]);

    /// <summary>The Secure Channel base key SCBK it holds (16 bytes), or null when it has none yet.</summary>
    public byte[]? BaseKey { get; init; }

    /// <summary>Whether it accepts a session on the default key SCBK-D (it leaves install mode when KEYSET gives it a key).</summary>
    public bool InstallMode { get; init; }

    /// <summary>Whether, once it holds a key, it refuses plaintext commands other than ID and CAP with NAK 6.</summary>
    public bool EnforceSecure { get; init; }

    /// <summary>The client UID (8 bytes) it sends in CCRYPT.</summary>
    public byte[] ClientUid { get; init; } = Convert.FromHexString("0C0B990004030201");

    /// <summary>Where its random RND.B comes from (tests inject a capture's); asked for 8 bytes per handshake.</summary>
    public Func<int, byte[]> RandomBytes { get; init; } = RandomNumberGenerator.GetBytes;
}
