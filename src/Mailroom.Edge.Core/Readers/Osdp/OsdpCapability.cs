namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>One PDCAP triplet: function code, compliance level, number of objects (§7.5, table 23).</summary>
public sealed record OsdpCapability(byte Function, byte Compliance, byte Number);
