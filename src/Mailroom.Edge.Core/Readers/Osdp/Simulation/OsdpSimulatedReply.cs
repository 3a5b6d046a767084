namespace Mailroom.Edge.Core.Readers.Osdp.Simulation;

/// <summary>A simulated reader's reply as it goes on the wire (with the 0xFF mark), and whether it is to arrive late.</summary>
public sealed record OsdpSimulatedReply(byte[] Bytes, bool Late);
