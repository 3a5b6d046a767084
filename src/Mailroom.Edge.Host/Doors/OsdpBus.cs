using Mailroom.Edge.Core.Readers.Osdp.Panel;

namespace Mailroom.Edge.Host.Doors;

/// <summary>One serial port and the OSDP readers on it, in configuration order (the order they are polled in).</summary>
public sealed record OsdpBus(string Port, int Baud, IReadOnlyList<OsdpReaderSession> Readers);
