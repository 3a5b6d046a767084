namespace Mailroom.Edge.Core.Doors;

/// <summary>A door's configured name, e.g. <c>front</c>.</summary>
public readonly record struct DoorId(string Value)
{
    public override string ToString() => Value;
}
