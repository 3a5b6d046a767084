namespace Mailroom.Edge.Core.Commands;

/// <summary>
/// <c>clip</c> with <c>"action":"ack"</c>: the central server holds clip <see cref="ClipId"/> and its SHA-256 is
/// <see cref="Sha256"/> (64 hex digits). It lets the agent evict the clip first, so it must carry authority.
/// </summary>
public sealed record ClipAckArguments(string ClipId, string Sha256) : CommandArguments;
