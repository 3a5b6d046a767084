namespace Mailroom.Edge.Core.Doors;

/// <summary>An auxiliary input's meaning: the door it belongs to (null = the whole device), its action, and whether it is an alarm.</summary>
public sealed record AuxBinding(string Name, DoorId? Door, AuxAction Action, bool RaisesAlarm = true);
