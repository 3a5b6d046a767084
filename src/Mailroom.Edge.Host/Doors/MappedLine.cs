using Mailroom.Edge.Core.Hardware;

namespace Mailroom.Edge.Host.Doors;

/// <summary>One configured GPIO function: its configuration key, the line as written, and the resolved offset.</summary>
public sealed record MappedLine(string Key, string Line, LineOffset Offset, bool IsOutput);
