using Mailroom.Edge.Core.Commands;

namespace Mailroom.Edge.Testing.Commands;

/// <summary>One attack: the message as it would arrive, and the reason the agent must give for refusing it.</summary>
public sealed record HostileCommand(string Kind, string Topic, byte[] Payload, bool Retained, CommandReason Expected);
