namespace Mailroom.Edge.Core.Readers.Osdp;

/// <summary>What the bus delivered: a valid packet, or a problem (bad check, impossible length) that was skipped.</summary>
public sealed record OsdpReadResult(OsdpFrame? Frame, string? Problem);
