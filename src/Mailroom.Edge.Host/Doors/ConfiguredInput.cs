using Mailroom.Edge.Core.Doors;
using Mailroom.Edge.Host.Configuration;

namespace Mailroom.Edge.Host.Doors;

/// <summary>One configured contact input: its configuration key (e.g. <c>Doors:front:Dps</c>), what it is, and its door.</summary>
public sealed record ConfiguredInput(string Key, InputKind Kind, DoorId? Door, string Name, InputLineOptions Settings);
