using Mailroom.Edge.Core.Doors;

namespace Mailroom.Edge.Core.Readers.Osdp.Panel;

/// <summary>One configured OSDP reader as its session needs it: who it is, where it is on its bus, how it is secured,
/// and the name of its key in the key file (never the key itself).</summary>
public sealed record OsdpReaderProfile(ReaderId Reader, DoorId Door, byte Address, OsdpSecurity Security, string KeyName);
