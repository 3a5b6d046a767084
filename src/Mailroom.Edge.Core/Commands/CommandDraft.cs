using System.Text.Json.Nodes;

namespace Mailroom.Edge.Core.Commands;

/// <summary>A command as an operator's tool composes it, before signing (see <see cref="CommandSigner"/>).</summary>
public sealed record CommandDraft(
    string Id,
    string Name,
    string Site,
    string Device,
    string Issuer,
    long Counter,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    JsonObject Args);
